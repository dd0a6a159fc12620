<?xml version="1.0" encoding="UTF-8"?>
<!--
  CNIPA, newer format (business:PatentDocumentAndRelated; namespaces business=http://www.sipo.gov.cn/XMLSchema/business,
  base=http://www.sipo.gov.cn/XMLSchema/base; ST.96-like element names, ST.36-like YYYYMMDD dates) to the
  canonical dossier. One document is one dossier.

  Built against ../shared/corpus/cnipa/cn_new1.xml (CN 113781974 A, application 202111286633.X, a division
  of 201710269973.9, with a KR priority 10-2016-0063019 marked kind="international").

  CNIPA writes most records twice: dataFormat="original" (as filed: 202111286633.X, 10-2016-0063019) and
  dataFormat="standard" (CNIPA's normalised form: 102021001286633, 102016000063019, i.e. the ST.13 IP-type
  code, the year and the serial padded to nine digits). Only the original records are read: they go through
  the core normaliser (dl:normalize-number / dl:priority-claim), which verifies and drops the CN check digit,
  and their written form is kept in originalNumber. canonical-to-cnipa-new rebuilds the standard records from
  the normaliser's ST.13 number, so they are compared by the round trip, not listed below.
  applType ("10") is the ST.13 IP-type code of the application number, rebuilt from it.
  Dates: base:Date YYYYMMDD to xs:date with dl:date.

  Priority claims: business:PriorityDetails/business:Priority[@dataFormat='original'] with base:WIPOST3Code,
  base:DocNumber, base:Date; the sequence is @sequence. The canonical kind is decided from the number by
  dl:priority-kind, never from @kind: CNIPA writes kind="international" for a foreign (Paris) priority, so a
  KR application is "national" in canonical. The filing category @kind is listed as what canonical cannot
  hold; canonical-to-cnipa-new rebuilds it by CNIPA's usage (CN: national, other offices: international).

  Titles: business:InventionTitle with its @lang. Parties: business:Applicant and business:Inventor with
  @sequence, base:AddressBook/base:Name and, for applicants, base:Address/base:WIPOST3Code as the country.
  Classifications: each business:ClassificationIPCR (Section, MainClass, Subclass, MainGroup, Subgroup) is an
  IPC symbol ("G09G 3/36"). Abstract: plain text of its base:Paragraphs, with its @lang.
  The divisional parent (business:RelatedDocuments) has no canonical element (no parent/relation), like
  the PCT parent in jpo-to-canonical.xsl; it is listed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:business="http://www.sipo.gov.cn/XMLSchema/business"
    xmlns:base="http://www.sipo.gov.cn/XMLSchema/base"
    exclude-result-prefixes="xs dl business base xsi">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/jpo-cnipa.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/business:PatentDocumentAndRelated/@xsi:schemaLocation"
             reason="location of CNIPA's schema on its own server: not dossier data"/>
    <dl:item path="/business:PatentDocumentAndRelated/@xsdVersion | /business:PatentDocumentAndRelated/@file | /business:PatentDocumentAndRelated/@dateProduced | /business:PatentDocumentAndRelated/@status"
             reason="schema version, file name, production date and status of the delivered file: not dossier data"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:Description | /business:PatentDocumentAndRelated/business:Drawings | /business:PatentDocumentAndRelated/business:Claims"
             reason="description, drawings, claims: canonical holds the bibliographic part and the abstract only"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:Abstract/business:AbstractFigure"
             reason="figure printed with the abstract: canonical abstract is plain text"/>
    <dl:item path="//@sourceDB | //@creator | //@processingType"
             reason="provenance of a record in CNIPA's databases (source database, creator code, processing type): no canonical element; canonical-to-cnipa-new writes none"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:PublicAvailabilityDate"
             reason="gazette number and date: no canonical element"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:PriorityDetails/business:Priority/@kind"
             reason="CNIPA's filing category (international for every foreign Paris priority) is not canonical's kind, which dl:priority-kind decides from the number (a KR application is national). canonical-to-cnipa-new rebuilds it by CNIPA's usage: CN national, any other office international"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:ClassificationIPCRDetails/business:ClassificationIPCR/business:IPCVersionDate | /business:PatentDocumentAndRelated/business:BibliographicData/business:ClassificationIPCRDetails/business:ClassificationIPCR/business:GeneratingOffice | /business:PatentDocumentAndRelated/business:BibliographicData/business:ClassificationIPCRDetails/business:ClassificationIPCR/business:ClassificationDataSource | /business:PatentDocumentAndRelated/business:BibliographicData/business:ClassificationIPCRDetails/business:ClassificationIPCR/base:Text"
             reason="IPC version date, generating office, data source and the printed text with its version: canonical keeps the symbol (scheme IPC), from which Section, MainClass, Subclass, MainGroup and Subgroup are rebuilt"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:RelatedDocuments"
             reason="divisional parent application (business:Division/business:ParentDocument): canonical has no parent or relation element"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties/business:ApplicantDetails/@representative"
             reason="which applicant is the representative: no canonical element"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties//@lang"
             reason="language of a party record: canonical names carry none (canonical-to-cnipa-new writes the document language)"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties/business:ApplicantDetails/business:Applicant/@appType"
             reason="role of an applicant record: canonical-to-cnipa-new writes applicant"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties/business:ApplicantDetails/business:Applicant/base:AddressBook/base:Address/*[not(self::base:WIPOST3Code)]"
             reason="postal address fields and text: canonical parties have a name and a country (base:WIPOST3Code) only"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties/business:ApplicantDetails/business:Applicant/business:OrganizationCode"
             reason="organisation code of an applicant: no canonical element"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties/business:InventorDetails/business:Inventor/@publicationMark"
             reason="inventor's publication mark: no canonical element (canonical-to-cnipa-new writes 0)"/>
    <dl:item path="/business:PatentDocumentAndRelated/business:BibliographicData/business:Parties/business:AgentDetails"
             reason="patent agents, agency and customer number: not dossier parties in canonical"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:if test="not(business:PatentDocumentAndRelated)">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-cnipa-new'),
          'not a CNIPA business:PatentDocumentAndRelated: the root element is ' || name(*))"/>
    </xsl:if>
    <xsl:apply-templates select="business:PatentDocumentAndRelated"/>
  </xsl:template>

  <!-- The record as filed: dataFormat original, else one without dataFormat. -->
  <xsl:function name="dl:original" as="element()*">
    <xsl:param name="records" as="element()*"/>
    <xsl:sequence select="if ($records[@dataFormat = 'original']) then $records[@dataFormat = 'original']
                          else $records[not(@dataFormat)]"/>
  </xsl:function>

  <xsl:template match="business:PatentDocumentAndRelated">
    <xsl:variable name="b" select="business:BibliographicData"/>
    <xsl:variable name="office" select="(normalize-space(@country)[.], 'CN')[1]"/>
    <xsl:variable name="lang" select="lower-case(normalize-space(@lang))"/>
    <xsl:variable name="app" select="dl:original($b/business:ApplicationReference)[1]/base:DocumentID"/>
    <xsl:if test="not(normalize-space($app/base:DocNumber))">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:no-application'),
          'business:PatentDocumentAndRelated without an original application number (business:ApplicationReference[@dataFormat=''original'']/base:DocumentID/base:DocNumber)')"/>
    </xsl:if>
    <xsl:variable name="pubs" select="dl:original($b/business:PublicationReference)/base:DocumentID[normalize-space(base:DocNumber)]"/>
    <dos:dossiers>
      <dos:dossier source="cnipa-new">
        <xsl:sequence select="dl:application(($app/base:WIPOST3Code[normalize-space()], $office)[1], $app/base:DocNumber, (), $app/base:Date)"/>
        <xsl:if test="$pubs">
          <dos:publications>
            <xsl:for-each select="$pubs">
              <xsl:sequence select="dl:publication((base:WIPOST3Code[normalize-space()], $office)[1], base:DocNumber, base:Kind, base:Date)"/>
            </xsl:for-each>
          </dos:publications>
        </xsl:if>
        <xsl:variable name="priorities" select="dl:original($b/business:PriorityDetails/business:Priority)"/>
        <xsl:if test="$priorities">
          <dos:priorityClaims>
            <xsl:for-each select="$priorities">
              <xsl:sequence select="dl:priority-claim(xs:integer((@sequence[. castable as xs:positiveInteger], position())[1]),
                                                      base:WIPOST3Code, base:DocNumber, base:Date, true())"/>
            </xsl:for-each>
          </dos:priorityClaims>
        </xsl:if>
        <xsl:for-each select="dl:original($b/business:InventionTitle)[normalize-space()]">
          <dos:title>
            <xsl:variable name="l" select="(lower-case(normalize-space(@lang))[.], $lang[.])[1]"/>
            <xsl:if test="$l"><xsl:attribute name="lang" select="$l"/></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </dos:title>
        </xsl:for-each>
        <xsl:for-each select="dl:original($b/business:Parties/business:ApplicantDetails/business:Applicant)">
          <dos:applicant sequence="{(@sequence[. castable as xs:positiveInteger], position())[1]}">
            <dos:name><xsl:value-of select="normalize-space((base:AddressBook/base:Name, base:AddressBook/base:OrganizationName)[1])"/></dos:name>
            <xsl:variable name="cc" select="normalize-space(base:AddressBook/base:Address/base:WIPOST3Code)"/>
            <xsl:if test="matches($cc, '^[A-Z]{2}$')"><dos:country><xsl:value-of select="$cc"/></dos:country></xsl:if>
          </dos:applicant>
        </xsl:for-each>
        <xsl:for-each select="dl:original($b/business:Parties/business:InventorDetails/business:Inventor)">
          <dos:inventor sequence="{(@sequence[. castable as xs:positiveInteger], position())[1]}">
            <dos:name><xsl:value-of select="normalize-space(base:AddressBook/base:Name)"/></dos:name>
            <xsl:variable name="cc" select="normalize-space(base:AddressBook/base:Address/base:WIPOST3Code)"/>
            <xsl:if test="matches($cc, '^[A-Z]{2}$')"><dos:country><xsl:value-of select="$cc"/></dos:country></xsl:if>
          </dos:inventor>
        </xsl:for-each>
        <xsl:for-each select="$b/business:ClassificationIPCRDetails/business:ClassificationIPCR">
          <xsl:variable name="s" select="dl:ipc-symbol(concat(business:Section, business:MainClass, business:Subclass, ' ',
                                                              business:MainGroup, '/', business:Subgroup))"/>
          <xsl:if test="empty($s)">
            <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:bad-ipc'),
                'business:ClassificationIPCR ' || (@sequence, position())[1] || ' is not an IPC symbol: ' || normalize-space(string-join(*, ' ')))"/>
          </xsl:if>
          <dos:classification scheme="IPC"><xsl:value-of select="$s"/></dos:classification>
        </xsl:for-each>
        <xsl:for-each select="dl:original(business:Abstract)[base:Paragraphs]">
          <dos:abstract>
            <xsl:variable name="l" select="(lower-case(normalize-space(@lang))[.], $lang[.])[1]"/>
            <xsl:if test="$l"><xsl:attribute name="lang" select="$l"/></xsl:if>
            <xsl:value-of select="string-join(base:Paragraphs ! dl:lines(.), '&#10;&#10;')"/>
          </dos:abstract>
        </xsl:for-each>
      </dos:dossier>
    </dos:dossiers>
  </xsl:template>

</xsl:stylesheet>
