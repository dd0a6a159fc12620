<?xml version="1.0" encoding="UTF-8"?>
<!--
  Generic WIPO ST.36 patent-document to the canonical dossier.

  Dialect: a patent-document (no namespace) whose bibliographic-data uses the WIPO ST.36 v2.3 element
  names; one document, hence one dossier. Office-specific ST.36 flavours have their own dialects (EP
  B-codes, USPTO, JPO, CNIPA).
  Built against: src/test/resources/dialect/st36/US08936998B2-st36.xml (the corpus has no generic ST.36
  instance; that file carries the bibliographic values of st96/examples/PatentPublication_Example.xml, written
  in ST.36 v2.3 by WIPO's Annex VI mapping tables in st96/mapping), and those tables for the element names.

  Mapping
  - Application: application-reference/document-id (country, doc-number, date YYYYMMDD) through dl:application.
  - Publications: publication-reference/document-id, then related-documents/related-publication/document-id,
    through dl:publication (doc-number + kind normalised together; date YYYYMMDD).
  - Priority claims: priority-claims/priority-claim: @sequence (01 is 1), country, doc-number, date
    (YYYYMMDD to xs:date by dl:date), through wipo:priority-claim (lib/st96.xsl). The kind is decided from
    the number by dl:priority-kind; @kind is not trusted (JP and CN data say international for ordinary
    foreign priorities). A claim without doc-number is skipped (nothing to key on).
  - Titles and abstracts: invention-title and abstract with @lang, else the patent-document's @lang;
    abstract paragraphs (p) become one plain text.
  - Parties: parties/applicants/applicant and parties/inventors/inventor; the name is addressbook/name,
    addressbook/orgname, or last-name first-name ("Utsumi Jun"); the country is addressbook/address/country.
  - Classifications: classifications-ipcr/classification-ipcr (text, or the structured fields) as IPC,
    classification-national main and further classifications as national. The field of search is not read.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:wipo="urn:dossierlink:xslt:wipo"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl wipo">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/st96.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What canonical cannot hold, as paths on the ST.36 document (no namespace). -->
  <dl:cannot-hold>
    <dl:item path="/patent-document/@id" reason="document identifier of the source file"/>
    <dl:item path="/patent-document/@file" reason="file name of the source document"/>
    <dl:item path="/patent-document/@status" reason="document status of the source file"/>
    <dl:item path="/patent-document/@date-produced" reason="production date of the source file"/>
    <dl:item path="/patent-document/@dtd-version" reason="DTD version of the source file"/>
    <dl:item path="/patent-document/description" reason="description text: canonical holds bibliographic data only"/>
    <dl:item path="/patent-document/claims" reason="claims: canonical holds bibliographic data only"/>
    <dl:item path="/patent-document/abstract/@id" reason="element identifier of the abstract"/>
    <dl:item path="/patent-document/abstract/p/@id" reason="paragraph identifiers: the canonical abstract is plain text"/>
    <dl:item path="/patent-document/abstract/p/@num" reason="paragraph numbers: the canonical abstract is plain text"/>
    <dl:item path="//classification-ipcr/*" reason="canonical keeps the IPC symbol as text (H01L 21/30); version date, level, symbol position, value, action date, generating office, status and data source are dropped, and the symbol comes back as classification-ipcr/text"/>
    <dl:item path="//application-reference/@appl-type" reason="application type (utility, ...): canonical has no field for it"/>
    <dl:item path="//invention-title/@id" reason="element identifier of the title"/>
    <dl:item path="/patent-document/bibliographic-data/parties/*/*/addressbook/*[not(self::address)]" reason="canonical keeps a party's name as one string; last-name and first-name come back as addressbook/name (WIPO maps name to com:EntityName)"/>
    <dl:item path="//applicant/@app-type" reason="applicant type: not in canonical"/>
    <dl:item path="//applicant/@designation" reason="designated states of an applicant: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/parties/agents" reason="agents and attorneys: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/assignees" reason="assignees: canonical has applicants and inventors only"/>
    <dl:item path="/patent-document/bibliographic-data/field-of-search" reason="field of search: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/figures" reason="drawing sheet and figure counts: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/references-cited" reason="citations: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/examiners" reason="examiners: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/number-of-claims" reason="number of claims: not in canonical"/>
    <dl:item path="/patent-document/bibliographic-data/related-documents/division" reason="parent and child applications: canonical has no related-application links; only related publications are kept"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <dos:dossiers>
      <xsl:apply-templates select="patent-document"/>
    </dos:dossiers>
  </xsl:template>

  <xsl:template match="patent-document">
    <xsl:variable name="bib" select="bibliographic-data"/>
    <xsl:variable name="doc-lang" select="string((@lang, $bib/@lang)[normalize-space()][1])"/>
    <xsl:variable name="app" select="$bib/application-reference/document-id"/>
    <dos:dossier source="st36">
      <xsl:sequence select="dl:application(string($app/country), string($app/doc-number), string($app/kind),
          string($app/date))"/>
      <xsl:variable name="pubs" select="$bib/publication-reference/document-id,
          $bib/related-documents/related-publication/document-id"/>
      <xsl:if test="exists($pubs)">
        <dos:publications>
          <xsl:for-each select="$pubs">
            <xsl:sequence select="dl:publication(string(country), string(doc-number), string(kind), string(date))"/>
          </xsl:for-each>
        </dos:publications>
      </xsl:if>
      <xsl:variable name="claims" select="$bib/priority-claims/priority-claim[normalize-space(doc-number)]"/>
      <xsl:if test="exists($claims)">
        <dos:priorityClaims>
          <xsl:for-each select="$claims">
            <xsl:sequence select="wipo:priority-claim((wipo:sequence(@sequence), position())[1],
                string(country), string(doc-number), string(date), true())"/>
          </xsl:for-each>
        </dos:priorityClaims>
      </xsl:if>
      <xsl:for-each select="$bib/invention-title[normalize-space()]">
        <dos:title>
          <xsl:call-template name="lang"><xsl:with-param name="doc-lang" select="$doc-lang"/></xsl:call-template>
          <xsl:value-of select="normalize-space(.)"/>
        </dos:title>
      </xsl:for-each>
      <xsl:apply-templates select="$bib/parties/applicants/applicant" mode="party">
        <xsl:with-param name="element" select="'applicant'"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="$bib/parties/inventors/inventor" mode="party">
        <xsl:with-param name="element" select="'inventor'"/>
      </xsl:apply-templates>
      <xsl:for-each select="$bib/(classifications-ipcr/classification-ipcr | classification-national)">
        <xsl:choose>
          <xsl:when test="self::classification-ipcr">
            <dos:classification scheme="IPC">
              <xsl:value-of select="if (normalize-space(text)) then wipo:symbol-text(text)
                                    else wipo:symbol(section, class, subclass, main-group, subgroup)"/>
            </dos:classification>
          </xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="main-classification | further-classification">
              <dos:classification scheme="national"><xsl:value-of select="normalize-space(.)"/></dos:classification>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:for-each select="abstract[normalize-space()]">
        <dos:abstract>
          <xsl:call-template name="lang"><xsl:with-param name="doc-lang" select="$doc-lang"/></xsl:call-template>
          <xsl:value-of select="normalize-space(string-join((p, text()[normalize-space()]), ' '))"/>
        </dos:abstract>
      </xsl:for-each>
    </dos:dossier>
  </xsl:template>

  <xsl:template name="lang">
    <xsl:param name="doc-lang" as="xs:string"/>
    <xsl:variable name="l" select="(@lang[normalize-space()], $doc-lang[normalize-space()])[1]"/>
    <xsl:if test="exists($l)"><xsl:attribute name="lang" select="normalize-space($l)"/></xsl:if>
  </xsl:template>

  <xsl:template match="applicant | inventor" mode="party">
    <xsl:param name="element" as="xs:string"/>
    <xsl:variable name="ab" select="(addressbook, .)[1]"/>
    <xsl:variable name="name" select="if (normalize-space($ab/name)) then normalize-space($ab/name)
        else if (normalize-space($ab/orgname)) then normalize-space($ab/orgname)
        else wipo:person-name(($ab/last-name, $ab/second-last-name, $ab/first-name, $ab/middle-name, $ab/suffix) ! string())"/>
    <xsl:if test="$name">
      <xsl:element name="dos:{$element}">
        <xsl:if test="exists(wipo:sequence(@sequence))">
          <xsl:attribute name="sequence" select="wipo:sequence(@sequence)"/>
        </xsl:if>
        <dos:name><xsl:value-of select="$name"/></dos:name>
        <xsl:if test="matches(string($ab/address/country), '^[A-Z]{2}$')">
          <dos:country><xsl:value-of select="$ab/address/country"/></dos:country>
        </xsl:if>
      </xsl:element>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
