<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical dossier to CNIPA's newer format (business:PatentDocumentAndRelated; business=
  http://www.sipo.gov.cn/XMLSchema/business, base=http://www.sipo.gov.cn/XMLSchema/base). A document holds
  one dossier: the input is one dos:dossier, or a dos:dossiers holding exactly one.

  Built against the canonical output of ../shared/corpus/cnipa/cn_new1.xml. The bibliographic part is rebuilt
  in the corpus file's order: PublicationReference (original, standard), ApplicationReference (original,
  standard), PriorityDetails, ClassificationIPCRDetails, InventionTitle, Parties; then the Abstract.

  Numbers: the original records carry the number as written (canonical originalNumber, e.g. 202111286633.X
  with its check digit, 10-2016-0063019), else the normalised number. The standard records carry CNIPA's
  normalised form, built from the core normaliser's ST.13 number: IP-type code, year, serial padded to nine
  digits (CN102021001286633 gives 102021001286633, KR1020160063019 gives 102016000063019). It is checked
  against the corpus for CN and KR numbers and built for those only: for other offices (US, JP...) CNIPA's
  standard form was not seen, so a priority claim gets no standard record rather than a guessed one (a real
  document's standard record of such a claim would not come back: not in the corpus, not listed). The
  standard publication record repeats the original one, as in the corpus. applType is the IP-type code (10) of the application's ST.13 number.
  Dates: xs:date to YYYYMMDD with dl:yyyymmdd.
  Priority claims: @kind is CNIPA's filing category, not canonical's kind (listed by cnipa-new-to-canonical):
  national for a CN application, international for any other office.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:business="http://www.sipo.gov.cn/XMLSchema/business"
    xmlns:base="http://www.sipo.gov.cn/XMLSchema/base"
    exclude-result-prefixes="xs dl dos business base">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/jpo-cnipa.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@source"
             reason="the dialect a record came from: the document does not say; cnipa-new-to-canonical writes cnipa-new"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId"
             reason="family id: no element in business:PatentDocumentAndRelated"/>
    <dl:item path="//dos:dossier/dos:publications/dos:publication[position() &gt; 1]"
             reason="the document is one publication: it holds the first one only"/>
    <dl:item path="//dos:dossier/dos:classification[@scheme != 'IPC']"
             reason="CPC and national classifications: the document has IPC (business:ClassificationIPCR) only"/>
    <dl:item path="//dos:dossier/dos:title[position() &gt; 1]"
             reason="the document has one original invention title"/>
    <dl:item path="//dos:dossier/dos:abstract[position() &gt; 1]"
             reason="the document has one original abstract"/>
    <dl:item path="//dos:dossier/dos:documents"
             reason="file-wrapper documents: the document lists none"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="d" select="dos:dossiers/dos:dossier | dos:dossier"/>
    <xsl:choose>
      <xsl:when test="not(dos:dossiers or dos:dossier)">
        <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-canonical'),
            'not a canonical dossier: the root element is ' || name(*) || ', expected dos:dossiers or dos:dossier')"/>
      </xsl:when>
      <xsl:when test="count($d) != 1">
        <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:one-dossier'),
            'a business:PatentDocumentAndRelated holds exactly one dossier; the input holds ' || count($d))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$d"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- CNIPA's standard form of a number from the normaliser's ST.13 number: type code, year, serial in 9.
       Only for CN and KR numbers, the offices whose standard form the corpus shows; empty for the others. -->
  <xsl:function name="dl:cn-standard" as="xs:string?">
    <xsl:param name="country" as="xs:string"/>
    <xsl:param name="number" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="date" as="xs:string?"/>
    <xsl:variable name="st13" select="dl:try-normalize-number($country, $number, $type, $date)?st13"/>
    <!-- the ST.13 number without its two-letter office prefix, all digits: checked with translate and
         string-length, not Saxon's regex engine -->
    <xsl:variable name="head" select="substring(string($st13), 1, 2)"/>
    <xsl:variable name="digits" select="if (string-length($head) eq 2 and translate($head, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '') eq '')
                                        then substring(string($st13), 3) else string($st13)"/>
    <xsl:if test="$country = ('CN', 'KR') and string-length($digits) ge 7 and string-length($digits) le 15
                  and translate($digits, '0123456789', '') eq ''">
      <xsl:sequence select="concat(substring($digits, 1, 6),
                                   dl:zero-pad(xs:integer(substring($digits, 7)), 9))"/>
    </xsl:if>
  </xsl:function>

  <!-- business and base in exclude-result-prefixes: otherwise every literal result element carries
       both namespaces, and Saxon merges and compares them for each element written (namespace-map work was about a
       tenth of canonical → docdb in a profile). The output is the same:
       the root declares both (business by its name, base by xsl:namespace). -->
  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:if test="$app/dos:office != 'CN'">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-cn'),
          'a business:PatentDocumentAndRelated holds a CN application; this dossier''s application is ' || $app/dos:docdb)"/>
    </xsl:if>
    <xsl:variable name="lang" select="(dos:title/@lang, dos:abstract/@lang, 'zh')[1]"/>
    <xsl:variable name="pub" select="dos:publications/dos:publication[1]"/>
    <xsl:variable name="app-written" select="string(($app/dos:originalNumber[normalize-space()], $app/dos:number)[1])"/>
    <xsl:variable name="app-standard" select="dl:cn-standard('CN', $app-written, 'application', $app/dos:filingDate)"/>
    <business:PatentDocumentAndRelated lang="{$lang}" country="CN">
      <!-- base is declared on the root, as before it was excluded (see the stylesheet element) -->
      <xsl:namespace name="base" select="'http://www.sipo.gov.cn/XMLSchema/base'"/>
      <xsl:if test="$pub">
        <xsl:attribute name="docNumber" select="$pub/dos:number"/>
        <xsl:if test="$pub/dos:kind"><xsl:attribute name="kind" select="$pub/dos:kind"/></xsl:if>
        <xsl:if test="$pub/dos:date"><xsl:attribute name="datePublication" select="dl:yyyymmdd($pub/dos:date)"/></xsl:if>
      </xsl:if>
      <business:BibliographicData>
        <xsl:if test="$pub">
          <xsl:for-each select="('original', 'standard')">
            <business:PublicationReference dataFormat="{.}" sequence="1">
              <base:DocumentID>
                <base:WIPOST3Code><xsl:value-of select="$pub/dos:country"/></base:WIPOST3Code>
                <base:DocNumber><xsl:value-of select="$pub/dos:number"/></base:DocNumber>
                <xsl:if test="$pub/dos:kind"><base:Kind><xsl:value-of select="$pub/dos:kind"/></base:Kind></xsl:if>
                <xsl:if test="$pub/dos:date"><base:Date><xsl:value-of select="dl:yyyymmdd($pub/dos:date)"/></base:Date></xsl:if>
              </base:DocumentID>
            </business:PublicationReference>
          </xsl:for-each>
        </xsl:if>
        <xsl:for-each select="('original', 'standard'[exists($app-standard)])">
          <business:ApplicationReference dataFormat="{.}" sequence="1">
            <xsl:if test="exists($app-standard)"><xsl:attribute name="applType" select="substring($app-standard, 1, 2)"/></xsl:if>
            <base:DocumentID>
              <base:WIPOST3Code>CN</base:WIPOST3Code>
              <base:DocNumber><xsl:value-of select="if (. = 'standard') then $app-standard else $app-written"/></base:DocNumber>
              <xsl:if test="$app/dos:filingDate"><base:Date><xsl:value-of select="dl:yyyymmdd($app/dos:filingDate)"/></base:Date></xsl:if>
            </base:DocumentID>
          </business:ApplicationReference>
        </xsl:for-each>
        <xsl:if test="dos:priorityClaims/dos:priorityClaim">
          <business:PriorityDetails>
            <xsl:for-each select="dos:priorityClaims/dos:priorityClaim">
              <xsl:variable name="claim" select="."/>
              <xsl:variable name="written" select="string((dos:originalNumber[normalize-space()], dos:number)[1])"/>
              <xsl:variable name="standard" select="dl:cn-standard(dos:country, $written, 'priority', dos:date)"/>
              <xsl:variable name="kind" select="if (dos:country = 'CN') then 'national' else 'international'"/>
              <xsl:for-each select="('original', 'standard'[exists($standard)])">
                <business:Priority kind="{$kind}" dataFormat="{.}" sequence="{$claim/@sequence}">
                  <base:WIPOST3Code><xsl:value-of select="$claim/dos:country"/></base:WIPOST3Code>
                  <base:DocNumber><xsl:value-of select="if (. = 'standard') then $standard else $written"/></base:DocNumber>
                  <xsl:if test="$claim/dos:date"><base:Date><xsl:value-of select="dl:yyyymmdd($claim/dos:date)"/></base:Date></xsl:if>
                </business:Priority>
              </xsl:for-each>
            </xsl:for-each>
          </business:PriorityDetails>
        </xsl:if>
        <xsl:if test="dos:classification[@scheme = 'IPC']">
          <business:ClassificationIPCRDetails>
            <xsl:for-each select="dos:classification[@scheme = 'IPC']">
              <xsl:variable name="p" select="dl:ipc-parts(.)"/>
              <xsl:if test="count($p) != 3">
                <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:bad-ipc'),
                    'IPC classification ''' || . || ''' is not an IPC symbol (e.g. G09G 3/36)')"/>
              </xsl:if>
              <business:ClassificationIPCR sequence="{position()}">
                <business:Section><xsl:value-of select="substring($p[1], 1, 1)"/></business:Section>
                <business:MainClass><xsl:value-of select="substring($p[1], 2, 2)"/></business:MainClass>
                <business:Subclass><xsl:value-of select="substring($p[1], 4, 1)"/></business:Subclass>
                <business:MainGroup><xsl:value-of select="$p[2]"/></business:MainGroup>
                <business:Subgroup><xsl:value-of select="$p[3]"/></business:Subgroup>
              </business:ClassificationIPCR>
            </xsl:for-each>
          </business:ClassificationIPCRDetails>
        </xsl:if>
        <xsl:for-each select="dos:title[1]">
          <business:InventionTitle lang="{(@lang, $lang)[1]}" dataFormat="original"><xsl:value-of select="."/></business:InventionTitle>
        </xsl:for-each>
        <xsl:if test="dos:applicant or dos:inventor">
          <business:Parties>
            <xsl:if test="dos:applicant">
              <business:ApplicantDetails>
                <xsl:for-each select="dos:applicant">
                  <business:Applicant sequence="{(@sequence, position())[1]}" appType="applicant" dataFormat="original" lang="{$lang}">
                    <base:AddressBook lang="{$lang}">
                      <base:Name><xsl:value-of select="dos:name"/></base:Name>
                      <xsl:if test="dos:country">
                        <base:Address><base:WIPOST3Code><xsl:value-of select="dos:country"/></base:WIPOST3Code></base:Address>
                      </xsl:if>
                    </base:AddressBook>
                  </business:Applicant>
                </xsl:for-each>
              </business:ApplicantDetails>
            </xsl:if>
            <xsl:if test="dos:inventor">
              <business:InventorDetails>
                <xsl:for-each select="dos:inventor">
                  <business:Inventor sequence="{(@sequence, position())[1]}" dataFormat="original" lang="{$lang}" publicationMark="0">
                    <base:AddressBook lang="{$lang}">
                      <base:Name><xsl:value-of select="dos:name"/></base:Name>
                      <xsl:if test="dos:country">
                        <base:Address><base:WIPOST3Code><xsl:value-of select="dos:country"/></base:WIPOST3Code></base:Address>
                      </xsl:if>
                    </base:AddressBook>
                  </business:Inventor>
                </xsl:for-each>
              </business:InventorDetails>
            </xsl:if>
          </business:Parties>
        </xsl:if>
      </business:BibliographicData>
      <xsl:for-each select="dos:abstract[1]">
        <business:Abstract dataFormat="original" lang="{(@lang, $lang)[1]}">
          <!-- dl:tokenize is fn:tokenize with Java's regex engine instead of Saxon's -->
          <xsl:for-each select="dl:tokenize(string(.), '\n[ \t\r]*\n')">
            <base:Paragraphs num="{dl:zero-pad(position(), 4)}">
              <xsl:for-each select="dl:tokenize(., '\n')">
                <xsl:if test="position() gt 1"><br/></xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </base:Paragraphs>
          </xsl:for-each>
        </business:Abstract>
      </xsl:for-each>
    </business:PatentDocumentAndRelated>
  </xsl:template>

</xsl:stylesheet>
