<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical to USPTO Red Book grant (us-patent-grant, ICE DTD v4.5 2014-04-03) or Yellow Book application
  (us-patent-application, ICE DTD v4.4 2014-04-03; v4.0 2004-12-02 for early publications, see below).
  One dossier per document: the input is dos:dossiers holding exactly one dos:dossier, or a dos:dossier.
  Built against ../shared/corpus/uspto/redbook-samples/ (US08926509, US08930553: grants v4.5;
  US20050004437A1: application v4.0; US20210049351A1: application v4.4) and their DTDs in ../shared/corpus/uspto/dtd/.

  - Document type: the (first) publication's kind. A1/A2/A9/P1 give us-patent-application; every other kind
    (B1, B2, E, S, P2, P3, H...) gives us-patent-grant. A dossier without a US publication cannot be written.
  - DTD version: grants v4.5. Applications v4.4, except those published before 2006-01-01 (the IPC reform date,
    when the Yellow Book moved from classification-ipc to classification-ipcr; v4.0 2004-12-02 was the
    format in force for 2005 publications) that have a US classification (required by v4.0): those are written
    in v4.0 structure (classification-ipc with edition 07, parties/applicants/applicant with nationality and
    residence, applicant-inventor, us-publication-filing-type). The DOCTYPE follows the version. It is
    written as text before the root (disable-output-escaping): xsl:output's doctype-system is one static
    value per stylesheet, and grants and applications need different DTDs (xsl:result-document is off here).
  - Numbers, as the USPTO writes them: application doc-number = series code + 6-digit serial ("13648029",
    us-application-series-code "13"), from the canonical originalNumber when it is in the series/serial form
    ("13/648029", "13/648,029"), else from the canonical number (year + 8 digits, DOCDB form); publication
    doc-number 8 characters for grants ("08930553", "D0701234", "RE043210") and year + 7 digits for
    applications ("20050004437"). Priority claims: country, the number as originally written
    (originalNumber, else the canonical number), date; kind attribute from the canonical claim's kind;
    sequence "01", "02"... All dates YYYYMMDD (dl:yyyymmdd).
  - Parties: "LAST, FIRST" names go to last-name/first-name, other names to orgname. Country: residence
    (us-applicant, v4.0 applicant) and address/country; a party without a country gets address country
    "unknown" (as the USPTO writes for agents). Sequences as in the samples: grants "001".. from 1,
    applications "00".. from 0. app-type "applicant" (v4.x) or "applicant-inventor" (v4.0, when the applicant
    is also an inventor, who is then not repeated under inventors). designation "us-only" (required; not in canonical).
  - Classifications: IPC as classification-ipcr (v4.x; symbol-position F then L, classification-level A,
    action-date = publication date, generating-office US, status B, data source H: what USPTO writes on its
    own publications; version indicator 20060101 and value I are placeholders, listed as lost on the way in)
    or classification-ipc (v4.0, IPC7 form "A61B005/00", edition 07); CPC as classifications-cpc (first in
    main-cpc, scheme-origination-code C, version 20130101 and value I placeholders); national as
    classification-national (country US, main then further).
  - Title and abstract: the first of each; the root's lang is the title's language in upper case.
  - description and claims are required by the DTDs but canonical has none: one placeholder paragraph and
    one placeholder claim (both in the to-canonical cannot-hold list).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl dos">

  <xsl:include href="lib/common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What USPTO cannot hold: XPath 1.0 on the canonical document. -->
  <dl:cannot-hold>
    <dl:item path="//dos:documents" reason="file-wrapper document lists have no place in a Red/Yellow Book publication"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId | /dos:dossier/@familyId" reason="a USPTO publication carries no DOCDB family id"/>
    <dl:item path="/dos:dossiers/dos:dossier/@source | /dos:dossier/@source" reason="which dialect the record came from: the way back says uspto"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:publications/dos:publication[position() > 1]" reason="a Red/Yellow Book document is one publication; only the first is written"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:title[position() > 1] | /dos:dossiers/dos:dossier/dos:abstract[position() > 1]" reason="one invention-title and one abstract, in the document's language"/>
    <dl:item path="//dos:priorityClaim/@active" reason="priority-claim has no active indicator"/>
    <dl:item path="//dos:priorityClaim/dos:originalNumber[. = ../dos:number]" reason="priority-claim holds one number, as written; a claim known only by its canonical number is written with it, and that comes back as its originalNumber"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:application/dos:originalNumber" reason="the application number is written as series code and serial number; the original form comes back as NN/NNNNNN (number and docdb are kept)"/>
  </dl:cannot-hold>

  <xsl:variable name="NL" select="'&#10;'"/>

  <!-- The DTDs require at least one applicant and (v4.x) one inventor: a dossier without them gets an
       addressbook with text only, which the way back does not read as a party. -->
  <xsl:variable name="no-party" as="element(addressbook)"><addressbook><text>not available</text></addressbook></xsl:variable>

  <xsl:template match="/">
    <xsl:variable name="all" select="/dos:dossiers/dos:dossier | /dos:dossier"/>
    <xsl:if test="empty(/dos:dossiers | /dos:dossier)">
      <xsl:message terminate="yes" error-code="dl:USPTO101">not a canonical document: the root must be dos:dossiers or dos:dossier, found <xsl:value-of select="name(/*)"/></xsl:message>
    </xsl:if>
    <xsl:if test="count($all) != 1">
      <xsl:message terminate="yes" error-code="dl:USPTO102">a USPTO Red/Yellow Book document holds exactly one dossier; the input has <xsl:value-of select="count($all)"/></xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$all"/>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:variable name="pub" select="dos:publications/dos:publication[1]"/>
    <xsl:if test="normalize-space($app/dos:office) != 'US'">
      <xsl:message terminate="yes" error-code="dl:USPTO103">a USPTO document holds a US application; this dossier's application is <xsl:value-of select="$app/dos:docdb"/></xsl:message>
    </xsl:if>
    <xsl:if test="empty($pub) or normalize-space($pub/dos:country) != 'US' or normalize-space($pub/dos:kind) = ''">
      <xsl:message terminate="yes" error-code="dl:USPTO104">a USPTO Red/Yellow Book document is a US publication with a kind; dossier <xsl:value-of select="$app/dos:docdb"/> has none first</xsl:message>
    </xsl:if>
    <xsl:variable name="kind" select="normalize-space($pub/dos:kind)"/>
    <xsl:variable name="grant" select="not($kind = ('A1', 'A2', 'A9', 'P1'))"/>
    <xsl:variable name="pubdate" select="dl:yyyymmdd($pub/dos:date)"/>
    <xsl:variable name="v40" select="not($grant) and exists($pubdate) and $pubdate lt '20060101'
                                     and exists(dos:classification[@scheme = 'national'])"/>
    <xsl:variable name="root" select="if ($grant) then 'us-patent-grant' else 'us-patent-application'"/>
    <xsl:variable name="dtd" select="if ($grant) then 'us-patent-grant-v45-2014-04-03.dtd'
        else if ($v40) then 'us-patent-application-v40-2004-12-02.dtd' else 'us-patent-application-v44-2014-04-03.dtd'"/>
    <xsl:variable name="version" select="if ($grant) then 'v4.5 2014-04-03' else if ($v40) then 'v4.0 2004-12-02' else 'v4.4 2014-04-03'"/>
    <xsl:variable name="lang" select="upper-case((dos:title[1]/@lang, 'en')[1])"/>
    <xsl:variable name="pubnum" select="dl:us-publication-number(normalize-space($pub/dos:number), $grant)"/>
    <xsl:variable name="appnum" select="dl:us-application-number($app)"/>

    <xsl:value-of disable-output-escaping="yes" select="concat('&lt;!DOCTYPE ', $root, ' SYSTEM &quot;', $dtd, '&quot; [ ]&gt;', $NL)"/>
    <xsl:element name="{$root}">
      <xsl:attribute name="lang" select="$lang"/>
      <xsl:attribute name="dtd-version" select="$version"/>
      <xsl:if test="exists($pubdate)">
        <xsl:attribute name="file" select="concat('US', $pubnum, if ($grant) then '' else $kind, '-', $pubdate, '.XML')"/>
      </xsl:if>
      <xsl:attribute name="id" select="$root"/>
      <xsl:attribute name="country" select="'US'"/>
      <xsl:if test="exists($pubdate)"><xsl:attribute name="date-publ" select="$pubdate"/></xsl:if>

      <xsl:element name="{if ($grant) then 'us-bibliographic-data-grant' else 'us-bibliographic-data-application'}">
        <xsl:if test="not($grant)">
          <xsl:attribute name="lang" select="$lang"/>
          <xsl:attribute name="country" select="'US'"/>
        </xsl:if>
        <publication-reference>
          <document-id>
            <country>US</country>
            <doc-number><xsl:value-of select="$pubnum"/></doc-number>
            <kind><xsl:value-of select="$kind"/></kind>
            <xsl:if test="exists($pubdate)"><date><xsl:value-of select="$pubdate"/></date></xsl:if>
          </document-id>
        </publication-reference>
        <application-reference appl-type="{dl:appl-type($kind)}">
          <document-id>
            <country>US</country>
            <doc-number><xsl:value-of select="$appnum"/></doc-number>
            <xsl:if test="exists(dl:yyyymmdd($app/dos:filingDate))"><date><xsl:value-of select="dl:yyyymmdd($app/dos:filingDate)"/></date></xsl:if>
          </document-id>
        </application-reference>
        <us-application-series-code><xsl:value-of select="substring($appnum, 1, 2)"/></us-application-series-code>
        <xsl:if test="$v40">
          <us-publication-filing-type><us-original-publication-voluntary/></us-publication-filing-type>
        </xsl:if>
        <xsl:if test="dos:priorityClaims/dos:priorityClaim">
          <priority-claims>
            <xsl:for-each select="dos:priorityClaims/dos:priorityClaim">
              <priority-claim sequence="{dl:zero-pad(position(), 2)}" kind="{@kind}">
                <country><xsl:value-of select="dos:country"/></country>
                <doc-number><xsl:value-of select="(dos:originalNumber[normalize-space()], dos:number)[1] ! normalize-space(.)"/></doc-number>
                <date><xsl:value-of select="(dl:yyyymmdd(dos:date), '00000000')[1]"/></date>
              </priority-claim>
            </xsl:for-each>
          </priority-claims>
        </xsl:if>
        <xsl:variable name="ipc" select="dos:classification[@scheme = 'IPC']"/>
        <xsl:variable name="cpc" select="dos:classification[@scheme = 'CPC']"/>
        <xsl:variable name="national" select="dos:classification[@scheme = 'national']"/>
        <xsl:choose>
          <xsl:when test="$v40 and $ipc">
            <classification-ipc>
              <edition>07</edition>
              <main-classification><xsl:value-of select="dl:ipc7($ipc[1])"/></main-classification>
              <xsl:for-each select="$ipc[position() > 1]">
                <further-classification><xsl:value-of select="dl:ipc7(.)"/></further-classification>
              </xsl:for-each>
            </classification-ipc>
          </xsl:when>
          <xsl:when test="$ipc">
            <classifications-ipcr>
              <xsl:for-each select="$ipc">
                <classification-ipcr>
                  <ipc-version-indicator><date>20060101</date></ipc-version-indicator>
                  <classification-level>A</classification-level>
                  <xsl:sequence select="dl:symbol-parts(.)"/>
                  <symbol-position><xsl:value-of select="if (position() = 1) then 'F' else 'L'"/></symbol-position>
                  <classification-value>I</classification-value>
                  <xsl:sequence select="dl:office-part($pubdate)"/>
                </classification-ipcr>
              </xsl:for-each>
            </classifications-ipcr>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="$cpc">
          <xsl:if test="$v40">
            <xsl:message terminate="yes" error-code="dl:USPTO105">a v4.0 application (published before 2006) cannot hold CPC classifications</xsl:message>
          </xsl:if>
          <classifications-cpc>
            <main-cpc><xsl:sequence select="dl:cpc($cpc[1], true(), $pubdate)"/></main-cpc>
            <xsl:if test="count($cpc) > 1">
              <further-cpc>
                <xsl:for-each select="$cpc[position() > 1]"><xsl:sequence select="dl:cpc(., false(), $pubdate)"/></xsl:for-each>
              </further-cpc>
            </xsl:if>
          </classifications-cpc>
        </xsl:if>
        <xsl:if test="$national">
          <classification-national>
            <country>US</country>
            <main-classification><xsl:value-of select="$national[1]"/></main-classification>
            <xsl:for-each select="$national[position() > 1]">
              <further-classification><xsl:value-of select="."/></further-classification>
            </xsl:for-each>
          </classification-national>
        </xsl:if>
        <invention-title><xsl:value-of select="dos:title[1]"/></invention-title>
        <xsl:choose>
          <xsl:when test="$v40">
            <xsl:call-template name="parties-v40"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="us-parties"><xsl:with-param name="grant" select="$grant"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:element>
      <xsl:for-each select="dos:abstract[1]">
        <abstract id="abstract">
          <p id="{if ($v40) then 'A-0001' else 'p-0001'}" num="{if ($v40) then 'none' else '0000'}"><xsl:value-of select="."/></p>
        </abstract>
      </xsl:for-each>
      <description id="description">
        <p id="p-0002" num="0001">Not available: this document was written from a bibliographic record (dossierlink canonical dossier).</p>
      </description>
      <xsl:if test="$grant">
        <us-claim-statement>Claims not available.</us-claim-statement>
      </xsl:if>
      <claims id="claims">
        <claim id="CLM-00001" num="00001">
          <claim-text>Not available: this document was written from a bibliographic record.</claim-text>
        </claim>
      </claims>
    </xsl:element>
  </xsl:template>

  <!-- v4.2+ parties (v4.4 applications, v4.5 grants): us-applicants (required), inventors (required). -->
  <xsl:template name="us-parties">
    <xsl:param name="grant" as="xs:boolean"/>
    <us-parties>
      <us-applicants>
        <xsl:if test="empty(dos:applicant)">
          <us-applicant sequence="{dl:seq(1, $grant)}" app-type="applicant" designation="us-only"><xsl:sequence select="$no-party"/></us-applicant>
        </xsl:if>
        <xsl:for-each select="dos:applicant">
          <us-applicant sequence="{dl:seq(position(), $grant)}" app-type="applicant" designation="us-only">
            <xsl:sequence select="dl:addressbook(.)"/>
            <residence><country><xsl:value-of select="dl:country(.)"/></country></residence>
          </us-applicant>
        </xsl:for-each>
      </us-applicants>
      <inventors>
        <xsl:if test="empty(dos:inventor)">
          <inventor sequence="{dl:seq(1, $grant)}" designation="us-only"><xsl:sequence select="$no-party"/></inventor>
        </xsl:if>
        <xsl:for-each select="dos:inventor">
          <inventor sequence="{dl:seq(position(), $grant)}" designation="us-only">
            <xsl:sequence select="dl:addressbook(.)"/>
          </inventor>
        </xsl:for-each>
      </inventors>
    </us-parties>
  </xsl:template>

  <!-- v4.0 parties: applicants (applicant-inventor when also an inventor), then the other inventors. -->
  <xsl:template name="parties-v40">
    <xsl:variable name="inventor-names" select="dos:inventor/dos:name ! normalize-space(.)"/>
    <xsl:variable name="applicant-names" select="dos:applicant/dos:name ! normalize-space(.)"/>
    <parties>
      <applicants>
        <xsl:if test="empty(dos:applicant)">
          <applicant sequence="00" app-type="applicant" designation="us-only"><xsl:sequence select="$no-party"/><nationality><country>unknown</country></nationality><residence><country>unknown</country></residence></applicant>
        </xsl:if>
        <xsl:for-each select="dos:applicant">
          <applicant sequence="{dl:seq(position(), false())}"
                     app-type="{if (normalize-space(dos:name) = $inventor-names) then 'applicant-inventor' else 'applicant'}"
                     designation="us-only">
            <xsl:sequence select="dl:addressbook(.)"/>
            <nationality><country><xsl:value-of select="dl:country(.)"/></country></nationality>
            <residence><country><xsl:value-of select="dl:country(.)"/></country></residence>
          </applicant>
        </xsl:for-each>
      </applicants>
      <xsl:variable name="others" select="dos:inventor[not(normalize-space(dos:name) = $applicant-names)]"/>
      <xsl:if test="$others">
        <inventors>
          <xsl:for-each select="$others">
            <inventor sequence="{dl:seq(position(), false())}" designation="us-only">
              <xsl:sequence select="dl:addressbook(.)"/>
            </inventor>
          </xsl:for-each>
        </inventors>
      </xsl:if>
    </parties>
  </xsl:template>

  <!-- grants number parties 001, 002...; applications 00, 01... (as in the samples) -->
  <xsl:function name="dl:seq" as="xs:string">
    <xsl:param name="position" as="xs:integer"/>
    <xsl:param name="grant" as="xs:boolean"/>
    <xsl:sequence select="if ($grant) then dl:zero-pad($position, 3) else dl:zero-pad($position - 1, 2)"/>
  </xsl:function>

  <xsl:function name="dl:country" as="xs:string">
    <xsl:param name="party" as="element()"/>
    <xsl:sequence select="(normalize-space($party/dos:country)[. != ''], 'unknown')[1]"/>
  </xsl:function>

  <xsl:function name="dl:addressbook" as="element(addressbook)">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="name" select="normalize-space($party/dos:name)"/>
    <addressbook>
      <xsl:choose>
        <xsl:when test="contains($name, ', ')">
          <last-name><xsl:value-of select="substring-before($name, ', ')"/></last-name>
          <first-name><xsl:value-of select="substring-after($name, ', ')"/></first-name>
        </xsl:when>
        <xsl:otherwise>
          <orgname><xsl:value-of select="$name"/></orgname>
        </xsl:otherwise>
      </xsl:choose>
      <address><country><xsl:value-of select="dl:country($party)"/></country></address>
    </addressbook>
  </xsl:function>

  <!-- grant kinds: S design, P2/P3 plant, E reissue, H statutory invention registration; else utility -->
  <xsl:function name="dl:appl-type" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="if ($kind = 'S') then 'design' else if (starts-with($kind, 'P')) then 'plant'
        else if (starts-with($kind, 'E')) then 'reissue' else if ($kind = 'H') then 'sir' else 'utility'"/>
  </xsl:function>

  <!-- publication doc-number: grants 8 characters (08930553, D0701234, RE043210, PP021234);
       applications year + 7 digits (2005004437 gives 20050004437) -->
  <xsl:function name="dl:us-publication-number" as="xs:string">
    <xsl:param name="number" as="xs:string"/>
    <xsl:param name="grant" as="xs:boolean"/>
    <xsl:variable name="prefix" select="if (matches($number, '^[A-Z]')) then replace($number, '^([A-Z]+).*$', '$1') else ''"/>
    <xsl:variable name="digits" select="substring($number, string-length($prefix) + 1)"/>
    <xsl:choose>
      <xsl:when test="not(matches($digits, '^[0-9]+$'))">
        <xsl:message terminate="yes" error-code="dl:USPTO106">publication number <xsl:value-of select="$number"/> is not a US publication number</xsl:message>
      </xsl:when>
      <xsl:when test="$grant">
        <xsl:sequence select="concat($prefix, dl:pad($digits, 8 - string-length($prefix)))"/>
      </xsl:when>
      <xsl:when test="matches($digits, '^(19|20)[0-9]{2}[0-9]{1,7}$') and $prefix = ''">
        <xsl:sequence select="concat(substring($digits, 1, 4), dl:pad(substring($digits, 5), 7))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="dl:USPTO106">application publication number <xsl:value-of select="$number"/> is not year + serial</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="dl:pad" as="xs:string">
    <xsl:param name="digits" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:variable name="d" select="replace($digits, '^0+(.)', '$1')"/>
    <xsl:sequence select="concat(string-join((1 to $width - string-length($d)) ! '0'), $d)"/>
  </xsl:function>

  <!-- application doc-number: series code + 6-digit serial. From the original number when it is written
       "13/648029", "13/648,029" or "13648029"; else from the canonical number (DOCDB year form 201213648029). -->
  <xsl:function name="dl:us-application-number" as="xs:string">
    <xsl:param name="app" as="element(dos:application)"/>
    <xsl:variable name="orig" select="replace(normalize-space($app/dos:originalNumber), '[/,\s]', '')"/>
    <xsl:variable name="num" select="normalize-space($app/dos:number)"/>
    <xsl:choose>
      <xsl:when test="matches($orig, '^[0-9]{8}$')"><xsl:sequence select="$orig"/></xsl:when>
      <xsl:when test="matches($num, '^(19|20)[0-9]{2}[0-9]{8}$')"><xsl:sequence select="substring($num, 5)"/></xsl:when>
      <xsl:when test="matches($num, '^[0-9]{8}$')"><xsl:sequence select="$num"/></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="dl:USPTO107">US application <xsl:value-of select="$app/dos:docdb"/> (<xsl:value-of select="$app/dos:originalNumber"/>) is not a series code and serial number</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Symbols: dl:symbol gives the symbol of a classification in the form "H04W 84/20" (one space, main group
       without leading zeros), or empty when it is not one; its parts are then taken at fixed places: section 1,
       class 2-3, subclass 4, main group from 6 to "/", subgroup after it. -->
  <xsl:function name="dl:symbol-parts" as="element()*">
    <xsl:param name="c" as="element(dos:classification)"/>
    <xsl:variable name="n" select="dl:symbol(string($c))"/>
    <xsl:if test="empty($n)"><xsl:call-template name="not-a-symbol"><xsl:with-param name="c" select="$c"/></xsl:call-template></xsl:if>
    <section><xsl:value-of select="substring($n, 1, 1)"/></section>
    <class><xsl:value-of select="substring($n, 2, 2)"/></class>
    <subclass><xsl:value-of select="substring($n, 4, 1)"/></subclass>
    <main-group><xsl:value-of select="substring-before(substring($n, 6), '/')"/></main-group>
    <subgroup><xsl:value-of select="substring-after($n, '/')"/></subgroup>
  </xsl:function>

  <!-- "G06F 15/16" to the IPC7 form "G06F015/16"; a symbol already in that form stays -->
  <xsl:function name="dl:ipc7" as="xs:string">
    <xsl:param name="c" as="element(dos:classification)"/>
    <xsl:variable name="n" select="dl:symbol(string($c))"/>
    <xsl:if test="empty($n)"><xsl:call-template name="not-a-symbol"><xsl:with-param name="c" select="$c"/></xsl:call-template></xsl:if>
    <xsl:sequence select="concat(substring($n, 1, 4), dl:pad(substring-before(substring($n, 6), '/'), 3), '/', substring-after($n, '/'))"/>
  </xsl:function>

  <xsl:template name="not-a-symbol">
    <xsl:param name="c" as="element(dos:classification)"/>
    <xsl:message terminate="yes" error-code="dl:USPTO108"><xsl:value-of select="$c/@scheme"/> symbol "<xsl:value-of select="normalize-space($c)"/>" is not section, class, subclass, main group / subgroup</xsl:message>
  </xsl:template>

  <xsl:function name="dl:office-part" as="element()*">
    <xsl:param name="pubdate" as="xs:string?"/>
    <xsl:if test="exists($pubdate)"><action-date><date><xsl:value-of select="$pubdate"/></date></action-date></xsl:if>
    <generating-office><country>US</country></generating-office>
    <classification-status>B</classification-status>
    <classification-data-source>H</classification-data-source>
  </xsl:function>

  <xsl:function name="dl:cpc" as="element(classification-cpc)">
    <xsl:param name="c" as="element(dos:classification)"/>
    <xsl:param name="first" as="xs:boolean"/>
    <xsl:param name="pubdate" as="xs:string?"/>
    <classification-cpc>
      <cpc-version-indicator><date>20130101</date></cpc-version-indicator>
      <xsl:sequence select="dl:symbol-parts($c)"/>
      <symbol-position><xsl:value-of select="if ($first) then 'F' else 'L'"/></symbol-position>
      <classification-value>I</classification-value>
      <action-date><date><xsl:value-of select="($pubdate, '00000000')[1]"/></date></action-date>
      <generating-office><country>US</country></generating-office>
      <classification-status>B</classification-status>
      <classification-data-source>H</classification-data-source>
      <scheme-origination-code>C</scheme-origination-code>
    </classification-cpc>
  </xsl:function>

</xsl:stylesheet>
