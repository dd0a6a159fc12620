<?xml version="1.0" encoding="UTF-8"?>
<!--
  USPTO Red Book grants (us-patent-grant) and Yellow Book applications (us-patent-application), ICE DTD
  v4.x, to canonical: one dossier per document, from us-bibliographic-data-grant|application and the abstract.
  Built against ../shared/corpus/uspto/redbook-samples/: US08926509 and US08930553 (grants, v4.5),
  US20050004437A1 (application, v4.0), US20210049351A1 (application, v4.4, no DOCTYPE).

  - Application: series code and doc-number make the number as the USPTO writes it (us-application-series-code
    13 and doc-number 13648029 give 13/648029), normalised with the filing date by dl:application, so the
    DOCDB year form comes out (US.201213648029.A).
  - Publication: publication-reference/document-id (country, doc-number, kind, date) through dl:publication.
  - Priority claims: priority-claims/priority-claim (country, doc-number, date); the kind attribute
    (national/regional/international) is unreliable and is not read: dl:priority-kind decides from the number.
    us-related-documents (continuations, provisionals) are not priority claims here: cannot-hold.
  - Dates: YYYYMMDD to xs:date (dl:date).
  - Parties: us-parties/us-applicants/us-applicant (v4.2+) or parties/applicants/applicant (v4.0); inventors
    from us-parties/inventors or parties/inventors, and v4.0 applicants of app-type applicant-inventor.
    Canonical name: orgname, else "LAST, FIRST" (last-name, first-name); country: residence, else address country.
    Sequence: 1-based order (the documents number from 00 or from 001).
  - Classifications: classification-ipcr and classification-cpc (main-cpc and further-cpc; not combination sets) as "G06F 15/16"; classification-ipc
    (v4.0) main-classification as written (IPC); classification-national main and further classifications
    as written (national).
  - Title: invention-title, language from the root's lang (EN to en). Abstract: plain text.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl">

  <xsl:include href="lib/common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What canonical cannot hold: XPath 1.0 on the USPTO document (no namespace). -->
  <dl:cannot-hold>
    <dl:item path="/*/@status | /*/@date-produced" reason="production status and production date of the bulk file (file, id and date-publ are rebuilt from the publication)"/>
    <dl:item path="/*/@dtd-version" reason="canonical has no DTD version; the way back writes v4.5 (grants), v4.4 (applications) or v4.0 (applications published before 2006)"/>
    <dl:item path="/*/description | /*/claims | /*/drawings | /*/us-claim-statement | /*/us-sequence-list-doc | /*/us-chemistry | /*/us-math | /*/table-external-doc" reason="full text, claims and drawings: canonical is bibliographic"/>
    <dl:item path="/*/*/us-term-of-grant | /*/*/us-references-cited | /*/*/number-of-claims | /*/*/us-exemplary-claim | /*/*/us-field-of-classification-search | /*/*/figures | /*/*/us-publication-filing-type" reason="term, citations, claim and figure counts, search field, publication filing type: no place in canonical"/>
    <dl:item path="/*/*/us-related-documents" reason="continuations, divisions and provisionals: canonical holds priority claims only"/>
    <dl:item path="/*/*/invention-title/@id" reason="generated element id of the title"/>
    <dl:item path="//classification-ipcr/ipc-version-indicator | //classification-ipcr/classification-value | //classification-cpc/cpc-version-indicator | //classification-cpc/classification-value" reason="canonical holds the symbol only: version and inventive/additional value are lost (the way back writes the DTD-required 20060101/20130101 and I as placeholders)"/>
    <dl:item path="//us-applicant/@applicant-authority-category | //us-applicant/@designation | //inventor/@designation | //applicant/@designation" reason="applicant authority and designation are not in canonical (the way back writes the required designation as us-only)"/>
    <dl:item path="//addressbook/address/*[not(self::country)]" reason="canonical holds a party's name and country only, not its city, state or street"/>
    <dl:item path="/*/*/parties/applicants/applicant/nationality" reason="canonical holds one country per party (residence); the way back writes it as nationality too (required by v4.0)"/>
    <dl:item path="/*/*/pct-or-regional-filing-data" reason="PCT filing data of a national-phase application: canonical holds the US application only"/>
    <dl:item path="//classifications-cpc/further-cpc/combination-set" reason="CPC combination sets (grouped, ranked indexing symbols): canonical holds a flat list of CPC symbols"/>
    <dl:item path="/*/abstract/p/node()" reason="abstract paragraph content: canonical holds the abstract as plain text, so inline markup (b, i, sub, sup...) and paragraph breaks are lost; the text itself is kept (the canonical round trip compares it)"/>
    <dl:item path="/*/*/assignees | /*/*/examiners | //agents | //correspondence-address" reason="assignees, examiners, agents and correspondence address: canonical holds applicants and inventors only"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="doc" select="/us-patent-grant | /us-patent-application"/>
    <xsl:if test="empty($doc)">
      <xsl:message terminate="yes" error-code="dl:USPTO001">not a USPTO Red/Yellow Book document: the root must be us-patent-grant or us-patent-application, found <xsl:value-of select="name(/*)"/></xsl:message>
    </xsl:if>
    <dos:dossiers>
      <xsl:apply-templates select="$doc"/>
    </dos:dossiers>
  </xsl:template>

  <xsl:template match="us-patent-grant | us-patent-application">
    <xsl:variable name="b" select="us-bibliographic-data-grant | us-bibliographic-data-application"/>
    <xsl:variable name="app" select="$b/application-reference/document-id"/>
    <xsl:if test="normalize-space($app/doc-number) = ''">
      <xsl:message terminate="yes" error-code="dl:USPTO002">no application-reference/document-id/doc-number in <xsl:value-of select="name()"/></xsl:message>
    </xsl:if>
    <xsl:variable name="lang" select="lower-case(normalize-space(@lang))[. != '']"/>
    <dos:dossier source="uspto">
      <xsl:sequence select="dl:application(($app/country[normalize-space()], 'US')[1] ! normalize-space(.),
          dl:us-application-number(normalize-space($b/us-application-series-code), normalize-space($app/doc-number)), (), $app/date)"/>
      <xsl:for-each select="$b/publication-reference/document-id[1]">
        <dos:publications>
          <xsl:sequence select="dl:publication(normalize-space(country), normalize-space(doc-number), normalize-space(kind), date)"/>
        </dos:publications>
      </xsl:for-each>
      <xsl:if test="$b/priority-claims/priority-claim">
        <dos:priorityClaims>
          <xsl:for-each select="$b/priority-claims/priority-claim">
            <xsl:sequence select="dl:priority-claim(position(), normalize-space(country), normalize-space(doc-number), date, true())"/>
          </xsl:for-each>
        </dos:priorityClaims>
      </xsl:if>
      <xsl:for-each select="$b/invention-title[normalize-space()]">
        <dos:title>
          <xsl:if test="exists($lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </dos:title>
      </xsl:for-each>
      <xsl:for-each select="$b/us-parties/us-applicants/us-applicant | $b/parties/applicants/applicant">
        <xsl:sequence select="dl:party('applicant', ., position())"/>
      </xsl:for-each>
      <xsl:for-each select="$b/us-parties/inventors/inventor | $b/parties/inventors/inventor
                            | $b/parties/applicants/applicant[@app-type = 'applicant-inventor']">
        <xsl:sequence select="dl:party('inventor', ., position())"/>
      </xsl:for-each>
      <xsl:for-each select="$b/classifications-ipcr/classification-ipcr">
        <dos:classification scheme="IPC"><xsl:value-of select="dl:symbol(.)"/></dos:classification>
      </xsl:for-each>
      <xsl:for-each select="$b/classification-ipc/main-classification | $b/classification-ipc/further-classification">
        <dos:classification scheme="IPC"><xsl:value-of select="normalize-space(.)"/></dos:classification>
      </xsl:for-each>
      <xsl:for-each select="$b/classifications-cpc/(main-cpc | further-cpc)/classification-cpc">
        <dos:classification scheme="CPC"><xsl:value-of select="dl:symbol(.)"/></dos:classification>
      </xsl:for-each>
      <xsl:for-each select="$b/classification-national/(main-classification | further-classification)">
        <dos:classification scheme="national"><xsl:value-of select="normalize-space(.)"/></dos:classification>
      </xsl:for-each>
      <xsl:for-each select="abstract[normalize-space()]">
        <dos:abstract>
          <xsl:if test="exists($lang)"><xsl:attribute name="lang" select="$lang"/></xsl:if>
          <xsl:value-of select="normalize-space(string-join(p ! string(.), ' '))"/>
        </dos:abstract>
      </xsl:for-each>
    </dos:dossier>
  </xsl:template>

  <!-- series 13 and doc-number 13648029 give 13/648029; a doc-number without its series gets it in front -->
  <xsl:function name="dl:us-application-number" as="xs:string">
    <xsl:param name="series" as="xs:string"/>
    <xsl:param name="number" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="matches($series, '^[0-9]{2}$') and matches($number, '^[0-9]{8}$') and starts-with($number, $series)">
        <xsl:sequence select="concat($series, '/', substring($number, 3))"/>
      </xsl:when>
      <xsl:when test="matches($series, '^[0-9]{2}$') and matches($number, '^[0-9]{6}$')">
        <xsl:sequence select="concat($series, '/', $number)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="dl:symbol" as="xs:string">
    <xsl:param name="c" as="element()"/>
    <xsl:sequence select="concat(normalize-space($c/section), normalize-space($c/class), normalize-space($c/subclass), ' ',
                                 normalize-space($c/main-group), '/', normalize-space($c/subgroup))"/>
  </xsl:function>

  <xsl:function name="dl:party" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="p" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:variable name="a" select="$p/addressbook[1]"/>
    <xsl:variable name="text" select="if (normalize-space($a/orgname)) then normalize-space($a/orgname)
        else string-join((normalize-space($a/last-name), normalize-space($a/first-name))[. != ''], ', ')"/>
    <xsl:variable name="country" select="($p/residence/country, $a/address/country)[matches(normalize-space(.), '^[A-Z]{2}$')][1]"/>
    <xsl:if test="$text != ''">
      <xsl:element name="dos:{$name}">
        <xsl:attribute name="sequence" select="$position"/>
        <dos:name><xsl:value-of select="$text"/></dos:name>
        <xsl:if test="exists($country)"><dos:country><xsl:value-of select="normalize-space($country)"/></dos:country></xsl:if>
      </xsl:element>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
