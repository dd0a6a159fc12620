<?xml version="1.0" encoding="UTF-8"?>
<!--
  CNIPA, older format (cn-patent-document, ST.36-based DTD cn_old.dtd) to the canonical dossier. One
  document is one dossier.

  Built against ../shared/corpus/cnipa/CN103492414A_cn_old.xml (CN 103492414 A, the national phase of
  PCT/US2008/081493, with a US provisional priority 60/984,910 marked kind="international").

  Numbers: cn-publication-reference/document-id gives the publication (country, doc-number, kind, date).
  application-reference/document-id/doc-number is written with its check digit (200880114428.1): the core
  normaliser verifies the check digit and drops it (CN.200880114428.A); the written form is kept in
  originalNumber, which canonical-to-cnipa-old writes back. appl-type (发明专利 / 实用新型 / 外观设计) is
  the application type that the number's type digit already says (1 or 8: invention, 2 or 9: utility
  model, 3: design), so canonical-to-cnipa-old rebuilds it from the number.
  Dates: YYYYMMDD to xs:date with dl:date.

  Priority claims: priority-claim sequence, country, doc-number, date through dl:priority-claim. The
  canonical kind is decided from the number by dl:priority-kind, never from @kind: CNIPA writes
  kind="international" for a foreign (Paris) priority such as a US provisional, which is "national" in
  canonical. @kind is listed as what canonical cannot hold; canonical-to-cnipa-old rebuilds it by CNIPA's
  usage (CN: national, any other office: international).

  PCT data (pct-or-regional-filing-data PCT/US2008/081493, pct-or-regional-publishing-data WO 2009/058797,
  date-pct-article-22-39-fulfilled): the PCT application is the parent of this national phase entry, not a
  priority, and canonical has no parent element; they are listed as what canonical cannot hold, like in
  jpo-to-canonical.xsl.

  Titles: invention-title with the document's @lang in lower case (ZH to zh). Parties: cn-applicant and
  cn-inventor names with their sequence (no country: the address is free text). Classifications:
  classification-ipcr/text to an IPC symbol ("C07K 16/18"). Abstract: plain text of its paragraphs.
  The xml-stylesheet processing instruction (a display stylesheet on CNIPA's server) is not dossier data.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/jpo-cnipa.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/processing-instruction('xml-stylesheet')"
             reason="display stylesheet of CNIPA's web server (/showxml/xsl/...): not dossier data"/>
    <dl:item path="/cn-patent-document/application-body"
             reason="description, claims, drawings: canonical holds the bibliographic part and the abstract only"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-publication-reference/gazette-reference"
             reason="gazette issue number and date: no canonical element"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/priority-claims/priority-claim/@kind"
             reason="CNIPA's claim category (international for every foreign Paris priority) is not canonical's kind, which dl:priority-kind decides from the number (a US provisional is national). canonical-to-cnipa-old rebuilds it by CNIPA's usage: CN national, any other office international"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/classifications-ipcr/classification-ipcr/text"
             reason="IPC version ((2006.01)) and the column layout: canonical keeps the symbol (scheme IPC); canonical-to-cnipa-old writes the symbol in the columns without the version"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/abstract/p/@num"
             reason="paragraph number of the abstract; canonical abstract is plain text (canonical-to-cnipa-old numbers the paragraphs 1, 2...)"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-related-publication | /cn-patent-document/cn-bibliographic-data/cn-related-documents"
             reason="related publications and documents (empty in the corpus): canonical has no relation element; canonical-to-cnipa-old writes both empty, as the DTD requires them"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-parties/cn-applicants/@cn-representative-is"
             reason="address of the representative applicant: canonical parties have a name and a country only"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-parties/cn-applicants/cn-applicant/addressbook/address"
             reason="postal address text: canonical parties have a name and a country only"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-parties/cn-applicants/cn-applicant/addressbook/@lang"
             reason="language of an address book; canonical names carry none (canonical-to-cnipa-old writes the document language)"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-parties/cn-inventors/cn-inventor/@cn-not-to-be-published-request-by-inventor"
             reason="inventor's request not to be named: no canonical element (canonical-to-cnipa-old writes no)"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/cn-parties/cn-agents"
             reason="patent agents and agency: not dossier parties in canonical"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/date-pct-article-22-39-fulfilled"
             reason="date of entry into the national phase: no canonical element"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/pct-or-regional-filing-data"
             reason="the PCT application of a national phase entry is its parent, not a priority claim; canonical has no parent element, so it is not made a priority claim"/>
    <dl:item path="/cn-patent-document/cn-bibliographic-data/pct-or-regional-publishing-data"
             reason="WO publication of the parent PCT application: a publication of another application, not of this dossier"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:if test="not(cn-patent-document)">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-cnipa-old'),
          'not a CNIPA cn-patent-document: the root element is ' || name(*))"/>
    </xsl:if>
    <xsl:apply-templates select="cn-patent-document"/>
  </xsl:template>

  <xsl:template match="cn-patent-document">
    <xsl:variable name="b" select="cn-bibliographic-data"/>
    <xsl:variable name="office" select="(normalize-space(@country)[.], 'CN')[1]"/>
    <xsl:variable name="lang" select="lower-case((normalize-space($b/@lang)[.], normalize-space(@lang)[.])[1])"/>
    <xsl:variable name="app" select="$b/application-reference/document-id"/>
    <xsl:if test="not(normalize-space($app/doc-number))">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:no-application'),
          'cn-patent-document without an application number (cn-bibliographic-data/application-reference/document-id/doc-number)')"/>
    </xsl:if>
    <dos:dossiers>
      <dos:dossier source="cnipa-old">
        <xsl:sequence select="dl:application(($app/country[normalize-space()], $office)[1], $app/doc-number, (), $app/date)"/>
        <xsl:if test="$b/cn-publication-reference/document-id[normalize-space(doc-number)]">
          <dos:publications>
            <xsl:for-each select="$b/cn-publication-reference/document-id[normalize-space(doc-number)]">
              <xsl:sequence select="dl:publication((country[normalize-space()], $office)[1], doc-number, kind, date)"/>
            </xsl:for-each>
          </dos:publications>
        </xsl:if>
        <xsl:if test="$b/priority-claims/priority-claim">
          <dos:priorityClaims>
            <xsl:for-each select="$b/priority-claims/priority-claim">
              <xsl:sequence select="dl:priority-claim(xs:integer((@sequence[. castable as xs:positiveInteger], position())[1]),
                                                      country, doc-number, date, true())"/>
            </xsl:for-each>
          </dos:priorityClaims>
        </xsl:if>
        <xsl:for-each select="$b/invention-title[normalize-space()]">
          <dos:title>
            <xsl:variable name="l" select="(lower-case(normalize-space(@lang))[.], $lang)[1]"/>
            <xsl:if test="$l"><xsl:attribute name="lang" select="$l"/></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </dos:title>
        </xsl:for-each>
        <xsl:for-each select="$b/cn-parties/cn-applicants/cn-applicant">
          <dos:applicant sequence="{(@sequence[. castable as xs:positiveInteger], position())[1]}">
            <dos:name><xsl:value-of select="normalize-space((addressbook/name, name)[1])"/></dos:name>
          </dos:applicant>
        </xsl:for-each>
        <xsl:for-each select="$b/cn-parties/cn-inventors/cn-inventor">
          <dos:inventor sequence="{(@sequence[. castable as xs:positiveInteger], position())[1]}">
            <dos:name><xsl:value-of select="normalize-space((addressbook/name, name)[1])"/></dos:name>
          </dos:inventor>
        </xsl:for-each>
        <xsl:for-each select="$b/classifications-ipcr/classification-ipcr">
          <xsl:variable name="s" select="dl:ipc-symbol(text)"/>
          <xsl:if test="empty($s)">
            <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:bad-ipc'),
                'classification-ipcr/text ''' || normalize-space(text) || ''' is not an IPC symbol')"/>
          </xsl:if>
          <dos:classification scheme="IPC"><xsl:value-of select="$s"/></dos:classification>
        </xsl:for-each>
        <xsl:for-each select="$b/abstract[p]">
          <dos:abstract>
            <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
            <xsl:value-of select="string-join(p ! dl:lines(.), '&#10;&#10;')"/>
          </dos:abstract>
        </xsl:for-each>
      </dos:dossier>
    </dos:dossiers>
  </xsl:template>

</xsl:stylesheet>
