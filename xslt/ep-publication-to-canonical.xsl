<?xml version="1.0" encoding="UTF-8"?>
<!--
  ep-publication → canonical.

  Dialect: the EPO publication server's ep-patent-document v1.x (DOCTYPE "-//EPO//EP PATENT DOCUMENT 1.0//EN",
  dtd-version ep-patent-document-v1-x), bibliographic part in SDOBI with INID B-code element names.
  Built against ../shared/corpus/st36/ep-publication/EP1667425A1_DOC00001.xml (A1, JP priority) and
  EP1599469B1_DOC00001.xml (B1, US provisional priority '516238 P', proprietors in B730).

  One ep-patent-document is one dossier.
  - Application: B210 (EP number with check digit, 05255002.7) through dl:normalize-number, office EP,
    filing date B220/date (YYYYMMDD → xs:date).
  - Publication: B190 (office, else @country), B110 number, B130 kind, B140/date.
  - Priority claims: every B310 in document order (one B300 group per claim, or several triplets in one
    B300: each B310 is paired with the next B320 and B330 after it). Country B330/ctry, number B310 as
    written (US '516238 P' is read with the claim date, which gives the US provisional series),
    date B320/date. The kind comes from dl:priority-kind on the number, never from the document.
  - Titles: B540, each B542 with the language of the B541 before it.
  - Applicants: B710/B711 (applications) or B730/B731 (proprietors of a granted patent); inventors
    B720/B721. Name = snm with white space normalised, country = adr/ctry.
  - Classifications: B510EP/classification-ipcr/text is the fixed-width IPCR record
    ("H04N   1/40        20060101AFI20051109BHEP"); canonical keeps the IPC symbol (H04N 1/40).
    The older B510 (B511 main, B512 further) gives its texts as IPC symbols.
  - Abstract: plain text of each abstract; paragraphs are joined with a blank line.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl">

  <xsl:include href="lib/common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/ep-patent-document/@lang" reason="language of the document; canonical holds languages only on titles and abstracts"/>
    <dl:item path="/ep-patent-document/@status" reason="publication-server processing status; not part of a dossier"/>
    <dl:item path="/ep-patent-document/@dtd-version" reason="canonical does not record the source DTD version; output is always ep-patent-document-v1-0"/>
    <dl:item path="/ep-patent-document/SDOBI/@lang" reason="language of the bibliographic part; not held"/>
    <dl:item path="/ep-patent-document/SDOBI/B000" reason="EPO internal tags (eptags: B001EP designated-state mask, B005EP, B007EP production system, B070EP notes)"/>
    <dl:item path="/ep-patent-document/SDOBI/B200/B240" reason="B241 request for examination and B242 first examination report dates; canonical has no procedural dates"/>
    <dl:item path="/ep-patent-document/SDOBI/B200/B250" reason="language of filing; not held"/>
    <dl:item path="/ep-patent-document/SDOBI/B200/B251EP" reason="authentic language of the application; not held"/>
    <dl:item path="/ep-patent-document/SDOBI/B200/B260" reason="language of the proceedings; not held"/>
    <dl:item path="/ep-patent-document/SDOBI/B400" reason="Bulletin dates and numbers (B405, B430, B450, B452EP); canonical holds the publication date B140 only"/>
    <dl:item path="/ep-patent-document/SDOBI/B500/B510EP/classification-ipcr/text" reason="canonical holds the IPC symbol only (H04N 1/40); the rest of the fixed-width IPCR record (version date, level/position/value flags, action date, generating office: 20060101AFI20051109BHEP) is not held. The symbol is rebuilt in the fixed-width layout and checked by the tests"/>
    <dl:item path="/ep-patent-document/SDOBI/B500/B560" reason="citations (B561 patent, B562 non-patent literature); canonical has no citations"/>
    <dl:item path="/ep-patent-document/SDOBI/B500/B590" reason="B598 figure to publish with the abstract; not held"/>
    <dl:item path="/ep-patent-document/SDOBI/B600" reason="related documents (B620EP parent application of a divisional); canonical has no related-application links"/>
    <dl:item path="/ep-patent-document/SDOBI/B700/*/*/iid" reason="EPO internal party identifier; canonical parties hold name and country only"/>
    <dl:item path="/ep-patent-document/SDOBI/B700/*/*/irf" reason="applicant's file reference; not held"/>
    <dl:item path="/ep-patent-document/SDOBI/B700/*/*/adr/str" reason="street address; canonical parties hold name and country only"/>
    <dl:item path="/ep-patent-document/SDOBI/B700/*/*/adr/city" reason="city; canonical parties hold name and country only"/>
    <dl:item path="/ep-patent-document/SDOBI/B700/B740" reason="representatives (B741); canonical has no representatives"/>
    <dl:item path="/ep-patent-document/SDOBI/B800" reason="designated (B840) and extension (B844EP) states, PCT application (B860) and publication (B870) data; not held"/>
    <dl:item path="/ep-patent-document/abstract/@id" reason="element id; rebuilt as 'abst' by EPO convention, not held"/>
    <dl:item path="/ep-patent-document/abstract/p/@id" reason="paragraph id; canonical holds the abstract as plain text"/>
    <dl:item path="/ep-patent-document/abstract/p/@num" reason="paragraph number; canonical holds the abstract as plain text"/>
    <dl:item path="/ep-patent-document/abstract/p/*" reason="images and inline markup in the abstract; canonical holds plain text"/>
    <dl:item path="/ep-patent-document/description" reason="full text description; canonical holds bibliographic data only"/>
    <dl:item path="/ep-patent-document/claims" reason="claims in every language; canonical holds bibliographic data only"/>
    <dl:item path="/ep-patent-document/drawings" reason="drawings (figure images); not held"/>
    <dl:item path="/ep-patent-document/search-report-data" reason="search report pages; not held"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <dos:dossiers>
      <xsl:apply-templates select="*"/>
    </dos:dossiers>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-ep-publication'), concat('not an ep-patent-document: root element is ', string(name())))"/>
  </xsl:template>

  <xsl:template match="/ep-patent-document">
    <xsl:variable name="b" select="SDOBI"/>
    <xsl:if test="empty($b/B200/B210[normalize-space()])">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:no-application'), concat('ep-patent-document ', string(@id), ' has no application number (SDOBI/B200/B210)'))"/>
    </xsl:if>
    <dos:dossier source="ep-publication">
      <xsl:sequence select="dl:application('EP', $b/B200/B210, (), $b/B200/B220/date)"/>
      <xsl:variable name="number" select="($b/B100/B110, @doc-number)[normalize-space()][1]"/>
      <xsl:if test="exists($number)">
        <dos:publications>
          <xsl:sequence select="dl:publication(($b/B100/B190, @country, 'EP')[normalize-space()][1], $number,
                                               ($b/B100/B130, @kind)[normalize-space()][1],
                                               ($b/B100/B140/date, @date-publ)[normalize-space()][1])"/>
        </dos:publications>
      </xsl:if>
      <xsl:variable name="claims" select="$b/B300/B310[normalize-space()]"/>
      <xsl:if test="exists($claims)">
        <dos:priorityClaims>
          <xsl:for-each select="$claims">
            <xsl:variable name="country" select="normalize-space((following-sibling::B330)[1]/ctry)"/>
            <xsl:if test="$country = ''">
              <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:priority-country'), concat('priority claim ', string(.), ' (B310) has no country (B330/ctry)'))"/>
            </xsl:if>
            <xsl:sequence select="dl:priority-claim(position(), $country, string(.), string((following-sibling::B320)[1]/date), true())"/>
          </xsl:for-each>
        </dos:priorityClaims>
      </xsl:if>
      <xsl:for-each select="$b/B500/B540/B542">
        <dos:title>
          <xsl:variable name="lang" select="normalize-space(preceding-sibling::B541[1])"/>
          <xsl:if test="$lang != ''"><xsl:attribute name="lang" select="$lang"/></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </dos:title>
      </xsl:for-each>
      <xsl:for-each select="$b/B700/B710/B711 | $b/B700/B730/B731">
        <xsl:call-template name="party"><xsl:with-param name="element" select="'applicant'"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$b/B700/B720/B721">
        <xsl:call-template name="party"><xsl:with-param name="element" select="'inventor'"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$b/B500/B510EP/classification-ipcr/text">
        <dos:classification scheme="IPC"><xsl:value-of select="dl:ipcr-symbol(.)"/></dos:classification>
      </xsl:for-each>
      <xsl:for-each select="$b/B500/B510/(B511 | B512)[normalize-space()]">
        <dos:classification scheme="IPC"><xsl:value-of select="normalize-space(.)"/></dos:classification>
      </xsl:for-each>
      <xsl:for-each select="abstract">
        <dos:abstract>
          <xsl:if test="@lang"><xsl:attribute name="lang" select="@lang"/></xsl:if>
          <xsl:value-of select="string-join((if (p) then p else .) ! normalize-space(.)[. != ''], '&#10;&#10;')"/>
        </dos:abstract>
      </xsl:for-each>
    </dos:dossier>
  </xsl:template>

  <xsl:template name="party">
    <xsl:param name="element" as="xs:string"/>
    <xsl:variable name="name" select="normalize-space(string-join((snm, fnm)[normalize-space()], ', '))"/>
    <xsl:if test="$name = ''">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:party-name'), concat(string(name()), ' without a name (snm)'))"/>
    </xsl:if>
    <xsl:element name="dos:{$element}">
      <xsl:attribute name="sequence" select="position()"/>
      <dos:name><xsl:value-of select="$name"/></dos:name>
      <xsl:if test="normalize-space(adr/ctry) != ''"><dos:country><xsl:value-of select="normalize-space(adr/ctry)"/></dos:country></xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- "H04N   1/40        20060101AFI20051109BHEP" → "H04N 1/40"; "C07D 403/04 ..." → "C07D 403/04". -->
  <xsl:function name="dl:ipcr-symbol" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="t" select="tokenize(normalize-space($text), ' ')"/>
    <xsl:sequence select="if (count($t) ge 2 and contains($t[2], '/')) then concat($t[1], ' ', $t[2])
                          else if (count($t) ge 3 and ends-with($t[2], '/')) then concat($t[1], ' ', $t[2], $t[3])
                          else normalize-space($text)"/>
  </xsl:function>

</xsl:stylesheet>
