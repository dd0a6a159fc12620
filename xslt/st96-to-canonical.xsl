<?xml version="1.0" encoding="UTF-8"?>
<!--
  WIPO ST.96 V6_0 pat:PatentPublication to the canonical dossier.

  Dialect: a patent publication in WIPO ST.96 V6_0 (namespaces .../ST96/Patent, prefix pat, and
  .../ST96/Common, prefix com), one publication, hence one dossier, per document.
  Built against: ../shared/corpus/st96/examples/PatentPublication_Example.xml (WIPO Annex VII, US 8,936,998 B2)
  and the schema st96/schemas/V6_0_flattened/PatentPublication_V6_0.xsd. Element names follow WIPO's
  ST.36 v2.3 <-> ST.96 V6_0 mapping (st96/mapping: bibli_mapping.tsv, bibli_mapping_value.tsv, Appendix A/B).

  Mapping
  - Application: pat:ApplicationIdentification (com:IPOfficeCode, com:ApplicationNumber/com:ApplicationNumberText,
    pat:FilingDate) through dl:application, so the number goes through the core normaliser with its filing date.
  - Publications: pat:PatentPublicationIdentification first, then every publication in
    pat:RelatedDocumentBag/pat:RelatedPublication (earlier publications of the same application), through
    dl:publication (number + kind normalised together).
  - Priority claims: pat:PriorityClaimBag/pat:PriorityClaim: com:sequenceNumber (01 is 1), com:IPOfficeCode,
    com:ApplicationNumber/com:ApplicationNumberText, pat:FilingDate (xs:date already), through
    wipo:priority-claim (lib/st96.xsl: dl:priority-claim with docdb country.number). The canonical kind is
    decided from the number by dl:priority-kind, not copied from
    pat:ApplicationFilingCategory: the category is only read, never trusted. A claim with no application
    number (allowed by ST.96) has nothing canonical can key on and is skipped.
  - Dates: ST.96 dates are xs:date already; dl:date checks them (a gYear or gYearMonth is dropped).
  - Titles and abstracts: the language is the element's com:languageCode, else the document's
    (pat:PatentPublication/@com:languageCode). Abstract paragraphs (com:P) become one plain text.
  - Parties: pat:ApplicantBag/pat:Applicant and pat:InventorBag/pat:Inventor; the name is com:EntityName,
    com:OrganizationName or com:PersonName (com:PersonFullName, or a com:PersonStructuredName written
    family name first: "Utsumi Jun"); the country is com:PublicationContact/com:CountryCode.
  - Classifications: IPCR (structured or pat:PatentClassificationText) as IPC "H01L 21/30"; CPC (main and
    further, not combination sets) as CPC; pat:NationalClassification (main and further) as national.
    The field of search (pat:SearchField) is not the document's classification and is not read.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:wipo="urn:dossierlink:xslt:wipo"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent"
    xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common"
    exclude-result-prefixes="xs dl wipo pat com xsi">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/st96.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What canonical cannot hold, as paths on the ST.96 document (prefixes pat, com, xsi). -->
  <dl:cannot-hold>
    <dl:item path="/pat:PatentPublication/@xsi:schemaLocation" reason="schema location of the source file, not dossier data"/>
    <dl:item path="/pat:PatentPublication/@com:documentFileName" reason="file name of the source document"/>
    <dl:item path="/pat:PatentPublication/@com:documentStatusText" reason="document status (TEST, ...) of the source file"/>
    <dl:item path="/pat:PatentPublication/@com:id" reason="document identifier of the source file"/>
    <dl:item path="/pat:PatentPublication/@com:creationDate" reason="creation date of the source file"/>
    <dl:item path="/pat:PatentPublication/@com:documentPublicationDate" reason="canonical keeps the publication date on the publication (pat:PublicationDate), not this file attribute"/>
    <dl:item path="/pat:PatentPublication/pat:Description" reason="description text: canonical holds bibliographic data only"/>
    <dl:item path="/pat:PatentPublication/pat:ClaimStatement" reason="claims: canonical holds bibliographic data only"/>
    <dl:item path="/pat:PatentPublication/pat:Claims" reason="claims: canonical holds bibliographic data only (canonical to ST.96 writes the empty pat:Claims the schema requires)"/>
    <dl:item path="/pat:PatentPublication/pat:Drawings" reason="drawings: canonical holds bibliographic data only"/>
    <dl:item path="/pat:PatentPublication/com:ExternalDocumentBag" reason="external files (images, formulae): canonical holds bibliographic data only"/>
    <dl:item path="/pat:PatentPublication/pat:Abstract/@com:id" reason="element identifier of the abstract"/>
    <dl:item path="/pat:PatentPublication/pat:Abstract/com:P/@com:id" reason="paragraph identifiers: the canonical abstract is plain text"/>
    <dl:item path="/pat:PatentPublication/pat:Abstract/com:P/@com:pNumber" reason="paragraph numbers: the canonical abstract is plain text"/>
    <dl:item path="//pat:ApplicationIdentification/pat:InventionSubjectMatterCategory" reason="subject matter category (Utility, ...): canonical has no field for it"/>
    <dl:item path="//pat:IPCRClassification/*" reason="canonical keeps the IPC symbol as text (H01L 21/30); version date, level, symbol position, value, action date, status, data source and generating office are dropped, and the symbol comes back as pat:PatentClassificationText, since the structured form requires the version date"/>
    <dl:item path="//pat:PatentClassificationBag/pat:CPCClassificationBag" reason="canonical keeps the CPC symbols (scheme CPC) but not the version date, symbol position, value, action date, generating office, status and source that ST.96 requires for each CPC entry, nor combination sets; canonical to ST.96 cannot rebuild them"/>
    <dl:item path="//pat:InventionTitle/@com:id" reason="element identifier of the title"/>
    <dl:item path="//pat:InventionTitle/@pat:inventionTitleCategory" reason="title category (In grant publication, ...): canonical has no field for it"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:ReferenceCitationBag" reason="cited patent and non-patent literature: not in canonical"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:ClaimTotalQuantity" reason="number of claims: not in canonical"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:SearchField" reason="field of search: not in canonical"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:FigureBag" reason="drawing sheet and figure counts: not in canonical"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:RelatedDocumentBag/pat:Division" reason="parent and child applications (division, PCT parent): canonical has no related-application links; only related publications are kept"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:ExemplaryClaimBag" reason="exemplary claim numbers: not in canonical"/>
    <dl:item path="//pat:Applicant/pat:ApplicantCategory" reason="applicant category: not in canonical"/>
    <dl:item path="//pat:Applicant/pat:DesignationCategory" reason="designated states of an applicant: not in canonical"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:PartyBag/*/*/com:PublicationContact/com:Name/*" reason="canonical keeps a party's name as one string; a structured person name (first, last name, suffix) comes back as com:EntityName, which ST.96 uses for a name not specified as person or organisation"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:PartyBag/pat:RegisteredPractitionerBag" reason="attorneys and agents: not in canonical"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:PartyBag/pat:AssigneeBag" reason="assignees: canonical has applicants and inventors only"/>
    <dl:item path="/pat:PatentPublication/pat:BibliographicData/pat:PartyBag/pat:ExaminerBag" reason="examiners: not in canonical"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <dos:dossiers>
      <xsl:apply-templates select="pat:PatentPublication"/>
    </dos:dossiers>
  </xsl:template>

  <xsl:template match="pat:PatentPublication">
    <xsl:variable name="bib" select="pat:BibliographicData"/>
    <xsl:variable name="doc-lang" select="string(@com:languageCode)"/>
    <xsl:variable name="ai" select="$bib/pat:ApplicationIdentification"/>
    <dos:dossier source="st96">
      <xsl:sequence select="dl:application(
          string(($ai/com:IPOfficeCode, $ai/com:ApplicationNumber/com:IPOfficeCode)[1]),
          string(($ai/com:ApplicationNumber/com:ApplicationNumberText, $ai/com:ApplicationNumber/com:ST13ApplicationNumber)[1]),
          (), string($ai/pat:FilingDate))"/>
      <xsl:variable name="pubs" select="$bib/pat:PatentPublicationIdentification,
          $bib/pat:RelatedDocumentBag/pat:RelatedPublication/pat:PatentDocumentIdentification/pat:PatentPublicationIdentification"/>
      <xsl:if test="exists($pubs)">
        <dos:publications>
          <xsl:for-each select="$pubs">
            <xsl:sequence select="dl:publication(string(com:IPOfficeCode), string(pat:PublicationNumber),
                string(com:PatentDocumentKindCode), string(com:PublicationDate))"/>
          </xsl:for-each>
        </dos:publications>
      </xsl:if>
      <xsl:variable name="claims" select="$bib/pat:PriorityClaimBag/pat:PriorityClaim[normalize-space(com:ApplicationNumber)]"/>
      <xsl:if test="exists($claims)">
        <dos:priorityClaims>
          <xsl:for-each select="$claims">
            <xsl:sequence select="wipo:priority-claim(
                (wipo:sequence(@com:sequenceNumber), position())[1],
                string(com:IPOfficeCode),
                string((com:ApplicationNumber/com:ApplicationNumberText, com:ApplicationNumber/com:ST13ApplicationNumber)[1]),
                string(pat:FilingDate), true())"/>
          </xsl:for-each>
        </dos:priorityClaims>
      </xsl:if>
      <xsl:for-each select="$bib/pat:InventionTitleBag/pat:InventionTitle[normalize-space()]">
        <dos:title>
          <xsl:call-template name="lang"><xsl:with-param name="doc-lang" select="$doc-lang"/></xsl:call-template>
          <xsl:value-of select="normalize-space(.)"/>
        </dos:title>
      </xsl:for-each>
      <xsl:apply-templates select="$bib/pat:PartyBag/pat:ApplicantBag/pat:Applicant" mode="party">
        <xsl:with-param name="element" select="'applicant'"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="$bib/pat:PartyBag/pat:InventorBag/pat:Inventor" mode="party">
        <xsl:with-param name="element" select="'inventor'"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="$bib/pat:PatentClassificationBag/*" mode="classification"/>
      <xsl:for-each select="pat:Abstract[normalize-space(string-join(com:P, ' '))]">
        <dos:abstract>
          <xsl:call-template name="lang"><xsl:with-param name="doc-lang" select="$doc-lang"/></xsl:call-template>
          <xsl:value-of select="normalize-space(string-join(com:P, ' '))"/>
        </dos:abstract>
      </xsl:for-each>
    </dos:dossier>
  </xsl:template>

  <xsl:template name="lang">
    <xsl:param name="doc-lang" as="xs:string"/>
    <xsl:variable name="l" select="(@com:languageCode[normalize-space()], $doc-lang[normalize-space()])[1]"/>
    <xsl:if test="exists($l)"><xsl:attribute name="lang" select="normalize-space($l)"/></xsl:if>
  </xsl:template>

  <xsl:template match="pat:Applicant | pat:Inventor" mode="party">
    <xsl:param name="element" as="xs:string"/>
    <xsl:variable name="contact" select="(com:PublicationContact, com:Contact)[1]"/>
    <xsl:variable name="n" select="$contact/com:Name/*[1]"/>
    <xsl:variable name="name" as="xs:string">
      <xsl:choose>
        <xsl:when test="$n/self::com:PersonName/com:PersonStructuredName">
          <xsl:variable name="s" select="$n/com:PersonStructuredName"/>
          <xsl:sequence select="wipo:person-name(($s/com:LastName, $s/com:SecondLastName, $s/com:FirstName,
                                $s/com:MiddleName, $s/com:NameSuffix) ! string())"/>
        </xsl:when>
        <xsl:when test="$n/self::com:PersonName">
          <xsl:sequence select="normalize-space($n/com:PersonFullName)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="normalize-space(string($n))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$name">
      <xsl:element name="dos:{$element}">
        <xsl:if test="exists(wipo:sequence(@com:sequenceNumber))">
          <xsl:attribute name="sequence" select="wipo:sequence(@com:sequenceNumber)"/>
        </xsl:if>
        <dos:name><xsl:value-of select="$name"/></dos:name>
        <xsl:if test="matches(string($contact/com:CountryCode), '^[A-Z]{2}$')">
          <dos:country><xsl:value-of select="$contact/com:CountryCode"/></dos:country>
        </xsl:if>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="pat:IPCRClassificationBag" mode="classification">
    <xsl:for-each select="pat:IPCRClassification">
      <dos:classification scheme="IPC">
        <xsl:value-of select="if (pat:PatentClassificationText) then wipo:symbol-text(pat:PatentClassificationText)
            else if (pat:PatentClassificationSymbolText) then wipo:symbol-text(pat:PatentClassificationSymbolText)
            else wipo:symbol(pat:Section, pat:Class, pat:Subclass, pat:MainGroup, pat:Subgroup)"/>
      </dos:classification>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="pat:CPCClassificationBag" mode="classification">
    <xsl:for-each select="(pat:MainCPC | pat:FurtherCPC)/pat:CPCClassification">
      <dos:classification scheme="CPC">
        <xsl:value-of select="wipo:symbol(pat:CPCSection, pat:Class, pat:Subclass, pat:MainGroup, pat:Subgroup)"/>
      </dos:classification>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="pat:NationalClassification" mode="classification">
    <xsl:for-each select="pat:MainNationalClassification | pat:FurtherNationalClassification">
      <dos:classification scheme="national">
        <xsl:value-of select="if (pat:PatentClassificationText) then normalize-space(pat:PatentClassificationText)
            else concat(normalize-space(pat:NationalClass), '/', normalize-space(pat:NationalSubclass))"/>
      </dos:classification>
    </xsl:for-each>
  </xsl:template>

  <!-- Other classification schemes (old IPC, ECLA, Locarno) are not read. -->
  <xsl:template match="*" mode="classification"/>

</xsl:stylesheet>
