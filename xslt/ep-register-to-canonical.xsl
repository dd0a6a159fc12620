<?xml version="1.0" encoding="UTF-8"?>
<!--
  ep-register → canonical.

  Dialect: the EP Register as OPS serves it: ops:world-patent-data/ops:register-search/reg:register-documents/
  reg:register-document (ops = http://ops.epo.org, reg = http://www.epo.org/register; some answers use the
  prefixes ns2 and ns3 for them, which changes nothing here). Built against
  ../shared/corpus/epo-ops/responses/register_*.xml: biblio of EP2400812 (and its unip twin), biblio of
  EP3221665A1 (Euro-PCT, US provisional priority 201462081944P), a search answer with five short documents,
  and events / procedural-steps answers that carry no bibliographic data.

  Every reg:register-document with reg:bibliographic-data becomes one dossier. A document without it (the
  events and procedural-steps answers) has no application reference, which a canonical dossier requires,
  so it gives no dossier (see the cannot-hold list).

  The register keeps every version of a field, each block with its change-gazette-num, newest first
  (classifications-ipcr, applicants, inventors, invention-title per language, priority-claims). Canonical
  holds the current version: the first block of each kind, the first title of each language. The older
  versions are in the cannot-hold list.
  - Application: the first reg:application-reference (the EP application; a second one is the PCT
    application of a Euro-PCT) through dl:normalize-number: country, doc-number (10167109), date (YYYYMMDD).
  - Publications: every reg:publication-reference/document-id (EP A1, EP B1, WO A1 of a Euro-PCT).
  - Priority claims: reg:priority-claims/reg:priority-claim: country, doc-number as written, date; kind from
    dl:priority-kind on the number (the register's own kind attribute is not trusted), sequence as written.
  - Titles: reg:invention-title with its lang. Applicants, inventors: addressbook/name, address/country.
  - Classifications: reg:classification-ipcr/reg:text lists compact IPC symbols ("H04W84/20,  // H04W88/04",
    "H01M10/613;; H01M10/617"); each symbol becomes one IPC classification in the spaced form (H04W 84/20).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:ops="http://ops.epo.org"
    xmlns:reg="http://www.epo.org/register"
    exclude-result-prefixes="xs dl ops reg">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/ep.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/processing-instruction('xml-stylesheet')" reason="OPS's stylesheet link for browsers; not data"/>
    <dl:item path="/ops:world-patent-data/ops:register-search/@total-result-count" reason="hit count of the search (10000 for a search that returns 5 documents); not a property of any dossier"/>
    <dl:item path="/ops:world-patent-data/ops:register-search/ops:query" reason="the CQL query that produced the answer; not held"/>
    <dl:item path="/ops:world-patent-data/ops:register-search/ops:range" reason="the range of hits in the answer; not held"/>
    <dl:item path="//reg:register-documents/@produced-by" reason="producing system code (RO); not held"/>
    <dl:item path="//reg:register-document/@*" reason="register production data (date-produced, dtd-version, lang, produced-by, status text); not held"/>
    <dl:item path="//reg:register-document/reg:ep-patent-statuses" reason="EP Register status history; canonical has no procedural status"/>
    <dl:item path="//reg:register-document[not(reg:bibliographic-data)]" reason="a register document without bibliographic data (events and procedural-steps answers) has no application reference, which a canonical dossier requires: it gives no dossier"/>
    <dl:item path="//reg:register-document/reg:events-data" reason="register events (dossier-event codes, texts, gazette references); canonical has no events"/>
    <dl:item path="//reg:register-document/reg:procedural-data" reason="procedural steps (fees, examination, communications); canonical has no procedural data"/>
    <dl:item path="//reg:bibliographic-data/@*" reason="country, id (EP10167109P), lang and status of the bibliographic block; only some answers carry them, so they are not rebuilt"/>
    <dl:item path="//reg:bibliographic-data//@change-date" reason="date a register field last changed; canonical keeps no history"/>
    <dl:item path="//reg:bibliographic-data//@change-gazette-num" reason="Bulletin issue of a register change; canonical keeps no history"/>
    <dl:item path="//reg:bibliographic-data/reg:classifications-ipcr[position() &gt; 1] | //reg:bibliographic-data/reg:priority-claims[position() &gt; 1] | //reg:bibliographic-data/reg:parties/reg:applicants[position() &gt; 1] | //reg:bibliographic-data/reg:parties/reg:inventors[position() &gt; 1] | //reg:bibliographic-data/reg:invention-title[@lang = preceding-sibling::reg:invention-title/@lang]" reason="superseded versions: the register keeps every version of a field (each with its change-gazette-num, newest first); canonical holds the current one (the first block, the first title of each language)"/>
    <dl:item path="//reg:bibliographic-data/reg:publication-reference/reg:document-id/@lang" reason="language of the publication; not held"/>
    <dl:item path="//reg:bibliographic-data/reg:application-reference[position() &gt; 1]" reason="the PCT application of a Euro-PCT (WO2015US61659); canonical holds the one application of the dossier, the EP one"/>
    <dl:item path="//reg:classification-ipcr/@id" reason="register classification record id; not held"/>
    <dl:item path="//reg:classification-ipcr/@sequence" reason="register classification record label (CLASSIFICATION_1); not held"/>
    <dl:item path="//reg:classification-ipcr/reg:text[contains(., ',') or contains(., ';')]" reason="a text listing several symbols: its separators are not held (', ', '//' before additional information, ';;'); canonical holds each symbol, and the rebuilt text joins them with ', '. A text of one symbol round-trips as is"/>
    <dl:item path="//reg:bibliographic-data/reg:language-of-filing" reason="language of filing; not held"/>
    <dl:item path="//reg:parties/reg:applicants/reg:applicant/@app-type" reason="applicant type (applicant, proprietor, applicant-inventor); not held, written as applicant"/>
    <dl:item path="//reg:parties/reg:applicants/reg:applicant/@designation" reason="states the applicant is for; not held, written as all"/>
    <dl:item path="//reg:parties/*/*/reg:addressbook/@cdsid" reason="EPO customer data id; canonical parties hold name and country only"/>
    <dl:item path="//reg:parties/*/*/reg:addressbook/reg:address/*[starts-with(local-name(), 'address-')]" reason="address lines; canonical parties hold name and country only"/>
    <dl:item path="//reg:parties/reg:applicants/reg:applicant/reg:nationality" reason="nationality (empty in the register answers); not held"/>
    <dl:item path="//reg:parties/reg:applicants/reg:applicant/reg:residence" reason="residence (empty in the register answers); not held"/>
    <dl:item path="//reg:parties/reg:agents" reason="representatives; canonical has no representatives"/>
    <dl:item path="//reg:bibliographic-data/reg:designation-of-states" reason="designated and extension states; not held"/>
    <dl:item path="//reg:bibliographic-data/reg:term-of-grant" reason="lapses in contracting states; not held"/>
    <dl:item path="//reg:bibliographic-data/reg:dates-rights-effective" reason="request for examination and examination report dates; not held"/>
    <dl:item path="//reg:bibliographic-data/reg:references-cited" reason="citations; canonical has no citations"/>
    <dl:item path="//reg:bibliographic-data/reg:opposition-data" reason="opposition data; not held"/>
    <dl:item path="//reg:bibliographic-data/reg:search-reports-information" reason="search report publications and dates; not held"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <dos:dossiers>
      <xsl:apply-templates select="*"/>
    </dos:dossiers>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-ep-register'), concat('not an EP Register answer: root element is {', namespace-uri(), '}', local-name()))"/>
  </xsl:template>

  <xsl:template match="/ops:world-patent-data">
    <xsl:if test="empty(ops:register-search/reg:register-documents)">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-ep-register'), 'this OPS answer holds no ops:register-search/reg:register-documents')"/>
    </xsl:if>
    <xsl:apply-templates select="ops:register-search/reg:register-documents/reg:register-document[reg:bibliographic-data]"/>
  </xsl:template>

  <xsl:template match="/reg:register-documents">
    <xsl:apply-templates select="reg:register-document[reg:bibliographic-data]"/>
  </xsl:template>

  <!-- A bare register document without bibliographic data gives no dossier (cannot-hold list). -->
  <xsl:template match="/reg:register-document[not(reg:bibliographic-data)]"/>

  <xsl:template match="reg:register-document">
    <xsl:variable name="b" select="reg:bibliographic-data"/>
    <xsl:variable name="app" select="$b/reg:application-reference[1]/reg:document-id"/>
    <xsl:if test="normalize-space($app/reg:doc-number) = ''">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:no-application'), concat('register document ', position(), ' has bibliographic data but no application-reference/document-id/doc-number'))"/>
    </xsl:if>
    <dos:dossier source="ep-register">
      <xsl:sequence select="dl:application(($app/reg:country[normalize-space()], 'EP')[1], $app/reg:doc-number, (), $app/reg:date)"/>
      <xsl:variable name="pubs" select="$b/reg:publication-reference/reg:document-id"/>
      <xsl:if test="$pubs">
        <dos:publications>
          <xsl:for-each select="$pubs">
            <xsl:sequence select="dl:publication(reg:country, reg:doc-number, reg:kind, reg:date)"/>
          </xsl:for-each>
        </dos:publications>
      </xsl:if>
      <xsl:variable name="claims" select="$b/reg:priority-claims[1]/reg:priority-claim"/>
      <xsl:if test="$claims">
        <dos:priorityClaims>
          <xsl:for-each select="$claims">
            <xsl:if test="normalize-space(reg:doc-number) = '' or normalize-space(reg:country) = ''">
              <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:priority-claim'), concat('priority claim ', position(), ' has no country or doc-number'))"/>
            </xsl:if>
            <xsl:variable name="seq" select="if (@sequence castable as xs:positiveInteger) then xs:integer(@sequence) else position()"/>
            <xsl:sequence select="dl:priority-claim($seq, reg:country, reg:doc-number, reg:date, true())"/>
          </xsl:for-each>
        </dos:priorityClaims>
      </xsl:if>
      <xsl:for-each select="$b/reg:invention-title[not(@lang = preceding-sibling::reg:invention-title/@lang)]">
        <dos:title>
          <xsl:if test="normalize-space(@lang) != ''"><xsl:attribute name="lang" select="normalize-space(@lang)"/></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </dos:title>
      </xsl:for-each>
      <xsl:for-each select="$b/reg:parties/reg:applicants[1]/reg:applicant">
        <xsl:call-template name="party"><xsl:with-param name="element" select="'applicant'"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$b/reg:parties/reg:inventors[1]/reg:inventor">
        <xsl:call-template name="party"><xsl:with-param name="element" select="'inventor'"/></xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$b/reg:classifications-ipcr[1]/reg:classification-ipcr/reg:text">
        <xsl:variable name="symbols" select="analyze-string(., '[A-H][0-9]{2}[A-Z]\s*[0-9]{1,4}\s*/\s*[0-9]{1,6}')/*:match ! string(.)"/>
        <xsl:if test="empty($symbols)">
          <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:ipc'), concat('classification-ipcr text ''', ., ''' holds no IPC symbol'))"/>
        </xsl:if>
        <xsl:for-each select="$symbols">
          <xsl:variable name="p" select="dl:ipc-parts(.)"/>
          <dos:classification scheme="IPC"><xsl:value-of select="concat($p[1], ' ', $p[2], '/', $p[3])"/></dos:classification>
        </xsl:for-each>
      </xsl:for-each>
    </dos:dossier>
  </xsl:template>

  <xsl:template name="party">
    <xsl:param name="element" as="xs:string"/>
    <xsl:variable name="name" select="normalize-space(reg:addressbook[1]/reg:name)"/>
    <xsl:if test="$name = ''">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:party-name'), concat($element, ' ', position(), ' has no addressbook/name'))"/>
    </xsl:if>
    <xsl:element name="dos:{$element}">
      <xsl:attribute name="sequence" select="if (@sequence castable as xs:positiveInteger) then xs:integer(@sequence) else position()"/>
      <dos:name><xsl:value-of select="$name"/></dos:name>
      <xsl:variable name="country" select="normalize-space(reg:addressbook[1]/reg:address/reg:country)"/>
      <xsl:if test="$country != ''"><dos:country><xsl:value-of select="$country"/></dos:country></xsl:if>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
