<?xml version="1.0" encoding="UTF-8"?>
<!--
  DOCDB (EPO exchange format, http://www.epo.org/exchange, as OPS serves it) to canonical dossiers.

  Inputs: ops:world-patent-data holding exchange-documents/exchange-document (published-data biblio
  answers), or ops:patent-family/ops:family-member (family, family/biblio, family/legal and legal answers),
  and a bare exchange-documents (or exchange-document) root.
  Built against ../shared/corpus/epo-ops/responses/: biblio_CN104968889A, biblio_EP2400812A1,
  biblio_US10047600B2, biblio_WO2018148832A1, biblio_application_US2016015853W, family_EP2400812A1,
  family_biblio_EP2400812A1, family_legal_EP2400812A1, legal_CA2300029C.

  It gives the same dossiers as org.dossierlink.dialect.DocdbExchangeReader (import), except where that
  reader is wrong (see the comments marked "reader:"):
  - One dossier per application: family members and exchange documents of the same application (DOCDB
    application-reference, normalised) merge, in first-seen order; their publications merge by DOCDB number.
  - Numbers: every number goes through dl:normalize-number. The DOCDB document-id is read as CC.number.kind,
    so a PCT application filed by DOCDB under its receiving office (US.2016015853.W) becomes WO.2016US015853.W.
    Publications are normalised too (reader: it keeps the doc-number as written).
  - Priority claims: a family member's own priority-claim (docdb document-id, priority-active-indicator
    YES/Y or NO/N to canonical active) wins over the exchange document's priority-claims/priority-claim,
    whose number is the first docdb or epodoc document-id (else an original one with a country), with the
    original document-id as originalNumber and the first date. The claim kind is decided from the number
    by dl:priority-kind (reader: it copies DOCDB's kind attribute, which says "national" for the PCT
    priority WO2013US64552 of CN104968889A). NO and N both mean inactive (reader: only NO).
  - Dates: YYYYMMDD to xs:date (dl:date); partial or impossible dates are dropped.
  - Parties: the epodoc-format names ("HERRALA SAMI [FI]" to name HERRALA SAMI, country FI) where given,
    else the original-format names without OPS's trailing commas; padding of any Unicode space collapsed.
  - Classifications: classification-ipcr/text as "H04W 84/20" (IPC); patent-classification of a CPC scheme
    (CPC, CPCI, CPCNO) as "H04W 84/20" (CPC); each symbol once, IPC before CPC (reader: a dossier merged
    from several publications gets them interleaved per publication; same symbols).
  - Titles and abstracts: each language once, text with white space collapsed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:ex="http://www.epo.org/exchange"
    xmlns:ops="http://ops.epo.org"
    exclude-result-prefixes="xs map dl ex ops">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/docdb.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What canonical cannot hold: XPath 1.0 on the DOCDB document (prefixes ex = http://www.epo.org/exchange,
       ops = http://ops.epo.org). The round-trip test ignores exactly these on both sides. -->
  <dl:cannot-hold>
    <dl:item path="/processing-instruction('xml-stylesheet')" reason="OPS's browser stylesheet link is presentation, not data"/>
    <dl:item path="//ex:exchange-document/@system" reason="the serving system (ops.epo.org) is not dossier data"/>
    <dl:item path="//ex:application-reference/@doc-id" reason="DOCDB's internal surrogate key of the application"/>
    <dl:item path="//ex:application-reference/@is-representative" reason="family representative flag: canonical has no family view"/>
    <dl:item path="//ex:document-id[@document-id-type='epodoc']" reason="canonical keeps one normalised number per reference (office-specific epodoc forms are rebuilt only as a best effort); the application's filing date they carry is kept as filingDate"/>
    <dl:item path="//ex:priority-claim/ex:document-id[@document-id-type='docdb']" reason="canonical keeps one normalised number per claim, not which of the docdb and epodoc forms OPS served; the way back writes the docdb form"/>
    <dl:item path="//ex:priority-claim/@kind" reason="DOCDB's kind attribute is unreliable (national for a PCT priority in CN104968889A); canonical decides the kind from the number"/>
    <dl:item path="//ex:classifications-ipcr/ex:classification-ipcr/ex:text" reason="the fixed-width IPC text carries classification level and value flags (A I); canonical keeps the symbol H04W 84/20"/>
    <dl:item path="//ex:bibliographic-data/ex:patent-classifications" reason="CPC entries repeat per generating office with scheme office, classification value and generating office, and non-CPC schemes (UC) are dropped; canonical keeps each CPC symbol once"/>
    <dl:item path="//ex:parties/ex:applicants/ex:applicant[@data-format='original'][../ex:applicant[@data-format='epodoc']]" reason="canonical keeps one name per party: the epodoc form with its country, not the original form beside it"/>
    <dl:item path="//ex:parties/ex:inventors/ex:inventor[@data-format='original'][../ex:inventor[@data-format='epodoc']]" reason="canonical keeps one name per party: the epodoc form with its country, not the original form beside it"/>
    <dl:item path="//ex:bibliographic-data/ex:references-cited" reason="citations: canonical has no citation list"/>
    <dl:item path="/ops:world-patent-data/ops:patent-family/@*" reason="OPS answer counters and flags (total-result-count, legal)"/>
    <dl:item path="/ops:world-patent-data/ops:patent-family/ops:publication-reference" reason="the publication the family was asked for: an OPS request echo"/>
    <dl:item path="//ops:family-member/ops:legal" reason="INPADOC legal events: canonical has no legal-status list"/>
  </dl:cannot-hold>

  <xsl:variable name="ACTIVE_NO" select="('NO', 'N')"/>

  <xsl:template match="/">
    <xsl:variable name="records" select="//ops:family-member | //ex:exchange-document[not(ancestor::ops:family-member)]"/>
    <xsl:if test="empty($records)">
      <xsl:message terminate="yes" error-code="dl:DOCDB001">no ops:family-member or exchange-document found: the DOCDB document holds no dossier</xsl:message>
    </xsl:if>
    <dos:dossiers>
      <xsl:for-each-group select="$records" group-by="dl:application-key(.)">
        <xsl:call-template name="dossier">
          <xsl:with-param name="records" select="current-group()"/>
        </xsl:call-template>
      </xsl:for-each-group>
    </dos:dossiers>
  </xsl:template>

  <!-- The DOCDB application-reference of a family member or exchange document. -->
  <xsl:function name="dl:application-id" as="element(ex:document-id)">
    <xsl:param name="record" as="element()"/>
    <xsl:variable name="ref" select="if ($record/self::ops:family-member) then $record/ex:application-reference
                                     else $record/ex:bibliographic-data/ex:application-reference"/>
    <xsl:variable name="id" select="$ref/ex:document-id[@document-id-type = 'docdb'][1]"/>
    <xsl:if test="empty($id) or normalize-space($id/ex:country) = '' or normalize-space($id/ex:doc-number) = ''">
      <xsl:message terminate="yes" error-code="dl:DOCDB002"><xsl:value-of select="local-name($record)"/> without a DOCDB application-reference (document-id of type docdb with country and doc-number)</xsl:message>
    </xsl:if>
    <xsl:sequence select="$id"/>
  </xsl:function>

  <xsl:function name="dl:application-number" as="map(*)">
    <xsl:param name="record" as="element()"/>
    <xsl:variable name="id" select="dl:application-id($record)"/>
    <xsl:sequence select="dl:normalize-number(normalize-space($id/ex:country), dl:docdb-text($id), 'application')"/>
  </xsl:function>

  <xsl:function name="dl:application-key" as="xs:string">
    <xsl:param name="record" as="element()"/>
    <xsl:sequence select="dl:application-number($record)?key"/>
  </xsl:function>

  <xsl:template name="dossier">
    <xsl:param name="records" as="element()+"/>
    <xsl:variable name="n" select="dl:application-number($records[1])"/>
    <!-- exchange documents of the group: inside its family members, or the records themselves -->
    <xsl:variable name="docs" select="$records/descendant-or-self::ex:exchange-document"/>
    <xsl:variable name="family-id" select="($records/@family-id, $docs/@family-id)[normalize-space()][1]"/>
    <xsl:variable name="kind" select="(for $r in $records return normalize-space(dl:application-id($r)/ex:kind))[. != ''][1]"/>
    <!-- filing date: the first real date of the DOCDB application id of each record, then of each id of
         its exchange documents' application-reference, in order -->
    <xsl:variable name="filing" select="(for $r in $records return
        (dl:application-id($r)/ex:date,
         $r/descendant-or-self::ex:exchange-document/ex:bibliographic-data/ex:application-reference/ex:document-id/ex:date)
        ! dl:date(.))[1]"/>
    <xsl:variable name="original" select="($docs/ex:bibliographic-data/ex:application-reference/ex:document-id[@document-id-type = 'original']/ex:doc-number)[normalize-space()][1]"/>
    <dos:dossier>
      <xsl:if test="exists($family-id)"><xsl:attribute name="familyId" select="normalize-space($family-id)"/></xsl:if>
      <xsl:attribute name="source" select="'docdb'"/>
      <dos:application>
        <dos:office><xsl:value-of select="$n?country"/></dos:office>
        <dos:number><xsl:value-of select="$n?number"/></dos:number>
        <xsl:if test="exists($kind)"><dos:kind><xsl:value-of select="$kind"/></dos:kind></xsl:if>
        <dos:docdb><xsl:value-of select="string-join(($n?country, $n?number, $kind), '.')"/></dos:docdb>
        <xsl:if test="exists($original)"><dos:originalNumber><xsl:value-of select="normalize-space($original)"/></dos:originalNumber></xsl:if>
        <xsl:if test="exists($filing)"><dos:filingDate><xsl:value-of select="$filing"/></dos:filingDate></xsl:if>
      </dos:application>

      <!-- publications: the family member's own reference, then its exchange documents'; merged by DOCDB number,
           the first with a date wins -->
      <xsl:variable name="pub-ids" select="for $r in $records return
          ($r/self::ops:family-member/ex:publication-reference/ex:document-id[@document-id-type = 'docdb'][1],
           for $d in $r/descendant-or-self::ex:exchange-document
           return $d/ex:bibliographic-data/ex:publication-reference[1]/ex:document-id[@document-id-type = 'docdb'][1])"/>
      <xsl:variable name="pubs" as="element(dos:publication)*">
        <xsl:for-each select="$pub-ids">
          <xsl:if test="normalize-space(ex:country) = '' or normalize-space(ex:doc-number) = ''">
            <xsl:message terminate="yes" error-code="dl:DOCDB003">publication document-id without country or doc-number</xsl:message>
          </xsl:if>
          <xsl:sequence select="dl:publication(normalize-space(ex:country), normalize-space(ex:doc-number), normalize-space(ex:kind), ex:date)"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:if test="exists($pubs)">
        <dos:publications>
          <xsl:for-each-group select="$pubs" group-by="string(dos:docdb)">
            <xsl:sequence select="(current-group()[dos:date][1], current-group()[last()])[1]"/>
          </xsl:for-each-group>
        </dos:publications>
      </xsl:if>

      <xsl:variable name="exchange-claims" as="element(dos:priorityClaim)*">
        <xsl:for-each select="($docs/ex:bibliographic-data/ex:priority-claims[ex:priority-claim/ex:document-id])[1]/ex:priority-claim">
          <xsl:sequence select="dl:exchange-claim(., position())"/>
        </xsl:for-each>
      </xsl:variable>
      <!-- reader: the last family member with DOCDB priority claims gives them -->
      <xsl:variable name="member" select="$records[self::ops:family-member][ex:priority-claim/ex:document-id[@document-id-type = 'docdb']][last()]"/>
      <xsl:variable name="claims" as="element(dos:priorityClaim)*">
        <xsl:choose>
          <xsl:when test="exists($member)">
            <xsl:for-each select="$member/ex:priority-claim[ex:document-id[@document-id-type = 'docdb']]">
              <xsl:variable name="id" select="ex:document-id[@document-id-type = 'docdb'][1]"/>
              <xsl:variable name="c" select="dl:claim(dl:sequence(., position()), normalize-space($id/ex:country), dl:docdb-text($id), (),
                  dl:date($id/ex:date), not(upper-case(normalize-space(ex:priority-active-indicator)) = $ACTIVE_NO))"/>
              <xsl:variable name="same" select="$exchange-claims[dos:country = $c/dos:country and dos:number = $c/dos:number][dos:originalNumber][last()]"/>
              <xsl:sequence select="if (exists($same)) then dl:with-original($c, string($same/dos:originalNumber)) else $c"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$exchange-claims"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="exists($claims)">
        <dos:priorityClaims><xsl:sequence select="$claims"/></dos:priorityClaims>
      </xsl:if>

      <xsl:variable name="titles" as="element(dos:title)*">
        <xsl:for-each select="$docs/ex:bibliographic-data/ex:invention-title">
          <xsl:sequence select="dl:text('title', .)"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:sequence select="dl:distinct-texts($titles)"/>

      <xsl:sequence select="(for $d in $docs return dl:parties($d/ex:bibliographic-data/ex:parties/ex:applicants, 'applicant'))[1]/*"/>
      <xsl:sequence select="(for $d in $docs return dl:parties($d/ex:bibliographic-data/ex:parties/ex:inventors, 'inventor'))[1]/*"/>

      <!-- IPC before CPC, as one exchange-document writes them (reader: it interleaves them per publication), each
           symbol once: the symbols grouped as strings, an element made only for each one kept (a temporary element
           per symbol, grouped by a key computed from it, took a quarter of a small record's conversion) -->
      <xsl:variable name="bib" select="$docs/ex:bibliographic-data"/>
      <xsl:for-each-group select="$bib/ex:classifications-ipcr/ex:classification-ipcr/ex:text ! dl:ipc-symbol(.)" group-by=".">
        <dos:classification scheme="IPC"><xsl:value-of select="current-grouping-key()"/></dos:classification>
      </xsl:for-each-group>
      <xsl:for-each-group select="$bib/ex:patent-classifications/ex:patent-classification[starts-with(ex:classification-scheme/@scheme, 'CPC')]
                                  ! concat(ex:section, ex:class, ex:subclass, ' ', ex:main-group, '/', ex:subgroup)" group-by=".">
        <dos:classification scheme="CPC"><xsl:value-of select="current-grouping-key()"/></dos:classification>
      </xsl:for-each-group>

      <xsl:variable name="abstracts" as="element(dos:abstract)*">
        <xsl:for-each select="$docs/ex:abstract">
          <xsl:sequence select="dl:text('abstract', .)"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:sequence select="dl:distinct-texts($abstracts)"/>
    </dos:dossier>
  </xsl:template>

  <!-- A priority claim of an exchange document: the first docdb or epodoc id gives the number, else an
       original id with a country; the original id gives originalNumber; the first real date is the date. -->
  <xsl:function name="dl:exchange-claim" as="element(dos:priorityClaim)?">
    <xsl:param name="pc" as="element(ex:priority-claim)"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:variable name="id" select="$pc/ex:document-id[@document-id-type = 'docdb' and normalize-space(ex:doc-number) != ''
        or @document-id-type = 'epodoc' and string-length(normalize-space(ex:doc-number)) gt 2][1]"/>
    <xsl:variable name="original" select="normalize-space(($pc/ex:document-id[@document-id-type = 'original']/ex:doc-number)[1])[. != '']"/>
    <xsl:variable name="date" select="($pc/ex:document-id/ex:date ! dl:date(.))[1]"/>
    <xsl:variable name="active" select="not(upper-case(normalize-space($pc/ex:priority-active-indicator)) = $ACTIVE_NO)"/>
    <xsl:choose>
      <xsl:when test="$id/@document-id-type = 'docdb'">
        <xsl:sequence select="dl:claim(dl:sequence($pc, $position), normalize-space($id/ex:country), dl:docdb-text($id), $original, $date, $active)"/>
      </xsl:when>
      <xsl:when test="exists($id)">
        <xsl:variable name="epodoc" select="normalize-space($id/ex:doc-number)"/>
        <xsl:sequence select="dl:claim(dl:sequence($pc, $position), substring($epodoc, 1, 2), $epodoc, $original, $date, $active)"/>
      </xsl:when>
      <xsl:when test="exists($original) and normalize-space(($pc/ex:document-id[@document-id-type = 'original']/ex:country)[1]) != ''">
        <!-- reader: it drops a claim given only in original form; the filing date places a US number in its year -->
        <xsl:variable name="cc" select="normalize-space(($pc/ex:document-id[@document-id-type = 'original']/ex:country)[1])"/>
        <xsl:variable name="n" select="dl:try-normalize-number($cc, $original, 'priority', $date)"/>
        <xsl:sequence select="if (exists($n)) then dl:claim(dl:sequence($pc, $position), $n?country, $n?docdb, $original, $date, $active)
                              else dl:priority-claim(dl:sequence($pc, $position), $cc, $original, $date, $active)"/>
      </xsl:when>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="dl:sequence" as="xs:integer">
    <xsl:param name="pc" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:sequence select="if (normalize-space($pc/@sequence) castable as xs:positiveInteger) then xs:integer(normalize-space($pc/@sequence)) else $position"/>
  </xsl:function>

  <!-- A canonical priority claim from a number text the normaliser reads (CC.number.kind or epodoc). -->
  <xsl:function name="dl:claim" as="element(dos:priorityClaim)">
    <xsl:param name="sequence" as="xs:integer"/>
    <xsl:param name="country" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="original" as="xs:string?"/>
    <xsl:param name="date" as="xs:string?"/>
    <xsl:param name="active" as="xs:boolean"/>
    <xsl:variable name="n" select="dl:normalize-number($country, $text, 'priority')"/>
    <xsl:variable name="cc" select="string($n?country)"/>
    <xsl:variable name="num" select="string($n?number)"/>
    <!-- the kind from the country of that same normalisation: dl:priority-kind($country, $text) would do it again -->
    <dos:priorityClaim sequence="{$sequence}" kind="{dl:priority-kind($cc, ())}">
      <xsl:if test="not($active)"><xsl:attribute name="active" select="'false'"/></xsl:if>
      <dos:country><xsl:value-of select="$cc"/></dos:country>
      <dos:number><xsl:value-of select="$num"/></dos:number>
      <!-- a priority is an earlier application's key: CC.number, without a kind (as common.xsl and PriorityClaim.docdb()) -->
      <dos:docdb><xsl:value-of select="concat($cc, '.', $num)"/></dos:docdb>
      <xsl:if test="exists($original)"><dos:originalNumber><xsl:value-of select="$original"/></dos:originalNumber></xsl:if>
      <xsl:if test="exists($date)"><dos:date><xsl:value-of select="$date"/></dos:date></xsl:if>
    </dos:priorityClaim>
  </xsl:function>

  <xsl:function name="dl:with-original" as="element(dos:priorityClaim)">
    <xsl:param name="c" as="element(dos:priorityClaim)"/>
    <xsl:param name="original" as="xs:string"/>
    <dos:priorityClaim>
      <xsl:sequence select="$c/@*, $c/dos:country, $c/dos:number, $c/dos:docdb"/>
      <dos:originalNumber><xsl:value-of select="$original"/></dos:originalNumber>
      <xsl:sequence select="$c/dos:date"/>
    </dos:priorityClaim>
  </xsl:function>

  <!-- Text of a title or abstract, white space collapsed; empty text gives nothing. -->
  <xsl:function name="dl:text" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="t" select="normalize-space(string-join($e//text(), ' '))"/>
    <xsl:if test="$t != ''">
      <xsl:element name="dos:{$name}">
        <xsl:if test="normalize-space($e/@lang) != ''"><xsl:attribute name="lang" select="normalize-space($e/@lang)"/></xsl:if>
        <xsl:value-of select="$t"/>
      </xsl:element>
    </xsl:if>
  </xsl:function>

  <xsl:function name="dl:distinct-texts" as="element()*">
    <xsl:param name="texts" as="element()*"/>
    <xsl:for-each-group select="$texts" group-by="concat(@lang, '|', .)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The name of a party (ex:applicant, ex:inventor), white space collapsed. -->
  <xsl:function name="dl:party-name" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:param name="name-element" as="xs:string"/>
    <xsl:sequence select="dl:clean-text(string-join($party/*[local-name() = $name-element]/ex:name//text(), ''))"/>
  </xsl:function>

  <!-- The parties of one group (applicants or inventors) wrapped in a dl:parties element, or nothing when the
       group gives none: epodoc names where any, else original names. -->
  <xsl:function name="dl:parties" as="element(dl:parties)?">
    <xsl:param name="group" as="element()?"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="members" select="$group/*[local-name() = $name]"/>
    <xsl:variable name="name-element" select="concat($name, '-name')"/>
    <!-- the epodoc parties with a name where any (the others' names are then not read), else the others with a name -->
    <xsl:variable name="epodoc-ones" select="$members[@data-format = 'epodoc'][dl:party-name(., $name-element) != '']"/>
    <xsl:variable name="chosen" select="if (exists($epodoc-ones)) then $epodoc-ones
        else $members[not(@data-format = 'epodoc')][dl:party-name(., $name-element) != '']"/>
    <xsl:if test="exists($chosen)">
      <dl:parties>
        <xsl:for-each select="$chosen">
          <xsl:variable name="raw" select="dl:party-name(., $name-element)"/>
            <xsl:variable name="epodoc" select="if (@data-format = 'epodoc') then dl:epodoc-party($raw) else ()"/>
            <xsl:element name="dos:{$name}">
              <xsl:if test="normalize-space(@sequence) castable as xs:positiveInteger">
                <xsl:attribute name="sequence" select="xs:integer(normalize-space(@sequence))"/>
              </xsl:if>
              <xsl:choose>
                <xsl:when test="exists($epodoc)">
                  <dos:name><xsl:value-of select="normalize-space($epodoc[1])"/></dos:name>
                  <dos:country><xsl:value-of select="$epodoc[2]"/></dos:country>
                </xsl:when>
                <xsl:when test="@data-format = 'epodoc'">
                  <dos:name><xsl:value-of select="$raw"/></dos:name>
                </xsl:when>
                <xsl:otherwise>
                  <dos:name><xsl:value-of select="replace($raw, '[, ]+$', '')"/></dos:name>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:element>
        </xsl:for-each>
      </dl:parties>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
