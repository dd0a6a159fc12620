<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical dossier to WIPO ST.96 V6_0 pat:PatentPublication.

  Dialect: see st96-to-canonical.xsl. Built against ../shared/corpus/st96/examples/PatentPublication_Example.xml
  and st96/schemas/V6_0_flattened/PatentPublication_V6_0.xsd, which every output must validate against;
  element names and value mappings follow WIPO's mapping tables in st96/mapping.
  Input: dos:dossiers holding exactly one dos:dossier, or one dos:dossier (one publication per document).

  Mapping
  - Root com:IPOfficeCode: the country of the first publication, else the application office.
    com:languageCode: the language of the first title, else of the first abstract, else "en" (the schema
    requires one; canonical without any language gets "en"). A title or abstract in another language
    carries its own com:languageCode.
  - pat:PatentPublicationIdentification: the first canonical publication; the others go, in order, into
    pat:RelatedDocumentBag/pat:RelatedPublication. Numbers are written as WIPO data writes them
    (wipo:publication-number: US grants 8 digits, US pre-grant publications year + 7 digits).
  - pat:ApplicationIdentification: office, com:ApplicationNumberText = the original number (the
    DOCDB form office.number.kind when canonical has none), pat:FilingDate.
  - Priority claims: com:sequenceNumber two digits (01, as WIPO's example), com:IPOfficeCode, the original
    number (else the DOCDB form country.number), pat:FilingDate (xs:date, unchanged), and pat:ApplicationFilingCategory
    decided from the number by dl:priority-kind (national/regional/international -> National/Regional/PCT,
    WIPO's value table), not copied from the canonical kind attribute.
  - Titles: pat:InventionTitleBag/pat:InventionTitle. Parties: pat:ApplicantBag, pat:InventorBag with
    com:sequenceNumber three digits (001), the name as com:EntityName (canonical does not say whether a
    party is a person or an organisation), the country as com:PublicationContact/com:CountryCode.
  - Classifications: IPC as pat:IPCRClassification/pat:PatentClassificationText; national as
    pat:NationalClassification (office = application office) with pat:PatentClassificationText.
    Canonical order is kept. CPC cannot be written (see the cannot-hold list).
  - Abstracts: pat:Abstract/com:P with the plain text.

  Minimum content the schema requires that canonical may lack (emitted, and dropped again on the way back):
  - pat:Claims: the body choice of PatentPublicationType needs pat:Claims; an empty <pat:Claims><com:P/></pat:Claims>
    is written, since canonical holds no claims.
  - pat:InventionTitleBag: needs one pat:InventionTitle; a dossier without a title gets one empty
    pat:InventionTitle.
  - pat:PartyBag: needs one party group; a dossier without applicants and inventors gets one
    com:CorrespondenceAddress with an empty com:Contact/com:ContactText.
  - com:languageCode on the root: "en" when canonical has no language at all (above).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:wipo="urn:dossierlink:xslt:wipo"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent"
    xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common"
    exclude-result-prefixes="xs dl wipo dos pat com">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/st96.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What ST.96 cannot hold, as paths on the canonical document (prefix dos). -->
  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId" reason="a PatentPublication has no family identifier field for dossierlink's family id"/>
    <dl:item path="/dos:dossiers/dos:dossier/@source" reason="the dialect a record was imported from; the ST.96 document read back says st96"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:documents" reason="file-wrapper document list: a PatentPublication holds one publication, not a dossier's documents"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:classification[@scheme='CPC']" reason="ST.96 requires version date, symbol position, value, action date and generating office for each CPC entry; canonical has only the symbol"/>
    <dl:item path="//dos:priorityClaim[@active='false']/@active" reason="ST.96 has no inactive-priority indicator; the claim is written and reads back as active"/>
    <dl:item path="//dos:priorityClaim[@kind='international' and dos:country!='WO']/@kind | //dos:priorityClaim[@kind='regional' and not(dos:country='EP' or dos:country='EA' or dos:country='AP' or dos:country='OA' or dos:country='GC')]/@kind | //dos:priorityClaim[@kind='national' and (dos:country='WO' or dos:country='EP' or dos:country='EA' or dos:country='AP' or dos:country='OA' or dos:country='GC')]/@kind" reason="a kind that contradicts its own number (JP and CN data say international for ordinary foreign priorities): ST.96's pat:ApplicationFilingCategory and the canonical kind read back are decided from the number (dl:priority-kind)"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:application[not(dos:originalNumber) or dos:originalNumber = dos:docdb] | //dos:priorityClaim[not(dos:originalNumber) or dos:originalNumber = dos:docdb]" reason="a number canonical holds without its original text is written in its DOCDB form (the dialect has one number field), which reads back as the original text"/>
    <dl:item path="//dos:priorityClaim[not(dos:date)]" reason="pat:PriorityClaim requires pat:FilingDate; a priority claim without a date is not written"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="dossiers" select="dos:dossiers/dos:dossier | dos:dossier"/>
    <!-- error(), not xsl:message: DialectConverter reports the error's text, not an xsl:message's -->
    <xsl:if test="count($dossiers) ne 1">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:one-dossier'),
          concat('an ST.96 PatentPublication holds exactly one dossier; the input holds ', count($dossiers)))"/>
    </xsl:if>
    <xsl:apply-templates select="$dossiers"/>
  </xsl:template>

  <!-- pat and com in exclude-result-prefixes: otherwise every literal result element carries
       both namespaces, and Saxon merges and compares them for each element written (namespace-map work was about a
       tenth of canonical → docdb in a profile). The output is the same:
       the root pat:PatentPublication declares both (its name and com:st96Version). -->
  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:variable name="lang" select="string((dos:title/@lang, dos:abstract/@lang, 'en')[normalize-space()][1])"/>
    <xsl:variable name="pubs" select="dos:publications/dos:publication"/>
    <pat:PatentPublication com:st96Version="V6_0" com:languageCode="{$lang}">
      <com:IPOfficeCode><xsl:value-of select="($pubs[1]/dos:country, $app/dos:office)[1]"/></com:IPOfficeCode>
      <pat:BibliographicData com:st96Version="V6_0">
        <xsl:for-each select="$pubs[1]">
          <xsl:call-template name="publication-id"/>
        </xsl:for-each>
        <pat:ApplicationIdentification>
          <com:IPOfficeCode><xsl:value-of select="$app/dos:office"/></com:IPOfficeCode>
          <com:ApplicationNumber>
            <com:ApplicationNumberText><xsl:value-of select="($app/dos:originalNumber[normalize-space()], $app/dos:docdb)[1]"/></com:ApplicationNumberText>
          </com:ApplicationNumber>
          <xsl:if test="$app/dos:filingDate">
            <pat:FilingDate><xsl:value-of select="$app/dos:filingDate"/></pat:FilingDate>
          </xsl:if>
        </pat:ApplicationIdentification>
        <xsl:variable name="claims" select="dos:priorityClaims/dos:priorityClaim[dos:date]"/>
        <xsl:if test="exists($claims)">
          <pat:PriorityClaimBag>
            <xsl:for-each select="$claims">
              <xsl:variable name="text" select="string((dos:originalNumber[normalize-space()], dos:docdb)[1])"/>
              <pat:PriorityClaim com:sequenceNumber="{dl:zero-pad(xs:integer(@sequence), 2)}">
                <com:IPOfficeCode><xsl:value-of select="dos:country"/></com:IPOfficeCode>
                <com:ApplicationNumber>
                  <com:ApplicationNumberText><xsl:value-of select="$text"/></com:ApplicationNumberText>
                </com:ApplicationNumber>
                <pat:FilingDate><xsl:value-of select="dos:date"/></pat:FilingDate>
                <pat:ApplicationFilingCategory>
                  <xsl:value-of select="wipo:filing-category(dl:priority-kind(string(dos:country), $text))"/>
                </pat:ApplicationFilingCategory>
              </pat:PriorityClaim>
            </xsl:for-each>
          </pat:PriorityClaimBag>
        </xsl:if>
        <xsl:variable name="classes" select="dos:classification[@scheme = ('IPC', 'national')]"/>
        <xsl:if test="exists($classes)">
          <pat:PatentClassificationBag>
            <xsl:for-each-group select="$classes" group-adjacent="string(@scheme)">
              <xsl:choose>
                <xsl:when test="current-grouping-key() = 'IPC'">
                  <pat:IPCRClassificationBag>
                    <xsl:for-each select="current-group()">
                      <pat:IPCRClassification com:sequenceNumber="{count(preceding-sibling::dos:classification[@scheme='IPC']) + 1}">
                        <pat:PatentClassificationText><xsl:value-of select="."/></pat:PatentClassificationText>
                      </pat:IPCRClassification>
                    </xsl:for-each>
                  </pat:IPCRClassificationBag>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:for-each select="current-group()">
                    <pat:NationalClassification>
                      <com:IPOfficeCode><xsl:value-of select="$app/dos:office"/></com:IPOfficeCode>
                      <pat:MainNationalClassification>
                        <pat:PatentClassificationText><xsl:value-of select="."/></pat:PatentClassificationText>
                      </pat:MainNationalClassification>
                    </pat:NationalClassification>
                  </xsl:for-each>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each-group>
          </pat:PatentClassificationBag>
        </xsl:if>
        <pat:InventionTitleBag>
          <xsl:for-each select="dos:title">
            <pat:InventionTitle>
              <xsl:call-template name="lang"><xsl:with-param name="doc-lang" select="$lang"/></xsl:call-template>
              <xsl:value-of select="."/>
            </pat:InventionTitle>
          </xsl:for-each>
          <xsl:if test="empty(dos:title)"><pat:InventionTitle/></xsl:if>
        </pat:InventionTitleBag>
        <xsl:if test="count($pubs) gt 1">
          <pat:RelatedDocumentBag>
            <xsl:for-each select="$pubs[position() gt 1]">
              <pat:RelatedPublication>
                <pat:PatentDocumentIdentification>
                  <xsl:call-template name="publication-id"/>
                </pat:PatentDocumentIdentification>
              </pat:RelatedPublication>
            </xsl:for-each>
          </pat:RelatedDocumentBag>
        </xsl:if>
        <pat:PartyBag>
          <xsl:if test="dos:applicant">
            <pat:ApplicantBag>
              <xsl:for-each select="dos:applicant">
                <pat:Applicant>
                  <xsl:call-template name="party"/>
                </pat:Applicant>
              </xsl:for-each>
            </pat:ApplicantBag>
          </xsl:if>
          <xsl:if test="dos:inventor">
            <pat:InventorBag>
              <xsl:for-each select="dos:inventor">
                <pat:Inventor>
                  <xsl:call-template name="party"/>
                </pat:Inventor>
              </xsl:for-each>
            </pat:InventorBag>
          </xsl:if>
          <xsl:if test="empty(dos:applicant | dos:inventor)">
            <com:CorrespondenceAddress><com:Contact><com:ContactText/></com:Contact></com:CorrespondenceAddress>
          </xsl:if>
        </pat:PartyBag>
      </pat:BibliographicData>
      <pat:Claims><com:P/></pat:Claims>
      <xsl:for-each select="dos:abstract">
        <pat:Abstract>
          <xsl:call-template name="lang"><xsl:with-param name="doc-lang" select="$lang"/></xsl:call-template>
          <com:P><xsl:value-of select="."/></com:P>
        </pat:Abstract>
      </xsl:for-each>
    </pat:PatentPublication>
  </xsl:template>

  <xsl:template name="publication-id">
    <pat:PatentPublicationIdentification>
      <com:IPOfficeCode><xsl:value-of select="dos:country"/></com:IPOfficeCode>
      <pat:PublicationNumber><xsl:value-of select="wipo:publication-number(dos:country, dos:number, dos:kind)"/></pat:PublicationNumber>
      <xsl:if test="dos:kind"><com:PatentDocumentKindCode><xsl:value-of select="dos:kind"/></com:PatentDocumentKindCode></xsl:if>
      <xsl:if test="dos:date"><com:PublicationDate><xsl:value-of select="dos:date"/></com:PublicationDate></xsl:if>
    </pat:PatentPublicationIdentification>
  </xsl:template>

  <xsl:template name="party">
    <xsl:if test="@sequence">
      <xsl:attribute name="com:sequenceNumber" select="dl:zero-pad(xs:integer(@sequence), 3)"/>
    </xsl:if>
    <com:PublicationContact>
      <com:Name><com:EntityName><xsl:value-of select="dos:name"/></com:EntityName></com:Name>
      <xsl:if test="dos:country"><com:CountryCode><xsl:value-of select="dos:country"/></com:CountryCode></xsl:if>
    </com:PublicationContact>
  </xsl:template>

  <!-- com:languageCode on a title or abstract whose language is not the document's. -->
  <xsl:template name="lang">
    <xsl:param name="doc-lang" as="xs:string"/>
    <xsl:if test="normalize-space(@lang) and normalize-space(@lang) ne $doc-lang">
      <xsl:attribute name="com:languageCode" select="normalize-space(@lang)"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
