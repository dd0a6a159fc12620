<?xml version="1.0" encoding="UTF-8"?>
<!--
  JPO official gazette (jp-official-gazette, ST.36 with the jp: namespace http://www.jpo.go.jp, DTD
  jp-a.dtd / jp-a-com.dtd) to the canonical dossier. One gazette is one dossier.

  Built against ../shared/corpus/jpo/jp-gazette-st36/JP2021044377A.xml (kind A, no priority),
  jp_example2.xml (kind A, a US provisional priority with jp:kind="international", a divisional parent)
  and jp_example4.xml (kind T: the published Japanese translation of a PCT application, two KR priorities).

  Numbers: application-reference carries no country; the office is the gazette's @country (JP). The
  application number goes through dl:normalize-number as written (2019165329, or 2019-165329) and the
  written form is kept in originalNumber. The publication is @kind-of-st16 (the ST.16 kind, A) on the
  publication-reference number; its Japanese kind text (公開特許公報(A)) is not canonical.
  Dates: YYYYMMDD to xs:date with dl:date.

  Priority claims: priority-claim sequence, country, doc-number, date through dl:priority-claim. The
  canonical kind is decided by dl:priority-kind from the number, never from jp:kind (or a plain @kind):
  JPO writes jp:kind="international" for every foreign (Paris) priority, so a US provisional or a KR
  application is "national" in canonical. jp:kind is therefore listed below as what canonical cannot hold;
  canonical-to-jpo.xsl rebuilds it by JPO's own rule (JP: patent/utility, PCT: pct, other: international).

  PCT data of a kind T gazette (pct-or-regional-filing-data, pct-or-regional-publishing-data): the PCT
  application is the PARENT of the JP national phase entry, not a priority claim, so it is not made a
  dos:priorityClaim (that would put the national phase's own parent into the family index as a priority
  and count it twice). The canonical schema has no element for a parent application or its publication,
  and WO2019135546 is a publication of the PCT application, not of this JP application, so it is not a
  dos:publication either. Both are listed as what canonical cannot hold; so is the divisional parent of
  related-documents.

  Parties: applicants (inside jp:applicants-agents) and inventors become dos:applicant / dos:inventor with
  their sequence and name (UTF-8, whitespace collapsed); the gazette writes no country for them, only
  address text, so none is given. Classifications: classification-ipc symbols become scheme IPC
  ("H01L 21/301"), classification-national (FI) symbols scheme national, as written. The abstract is plain
  text: <br/> becomes a line break, paragraphs are separated by an empty line.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:jp="http://www.jpo.go.jp"
    exclude-result-prefixes="xs dl jp">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/jpo-cnipa.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/jp-official-gazette/@kind-of-jp"
             reason="JPO's own kind (A, T, U...) is not canonical; canonical keeps the ST.16 kind (@kind-of-st16) of the publication. canonical-to-jpo rebuilds it from the publication number (serial 500000 and up: T)"/>
    <dl:item path="/jp-official-gazette/@dtd-version"
             reason="version of the gazette DTD, not dossier data; canonical-to-jpo writes 1.0"/>
    <dl:item path="/jp-official-gazette/*[not(self::bibliographic-data or self::abstract)]"
             reason="images of the bibliographic data and chosen drawing, description, claims, drawings, written amendments, overflow, foreign-language body, search report, abstract correction: canonical holds the bibliographic part and the abstract only"/>
    <dl:item path="/jp-official-gazette/abstract/p/@num"
             reason="paragraph number of the abstract (empty in the gazettes); canonical abstract is plain text"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/publication-reference/document-id/kind"
             reason="Japanese kind text (公開特許公報(A), 公表特許公報(A)); canonical holds the ST.16 kind only. canonical-to-jpo writes the text of the rebuilt kind-of-jp"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/parties/jp:applicants-agents-article/jp:applicants-agents/agent"
             reason="agents (representatives, attorneys) are not dossier parties in canonical"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/parties//addressbook/registered-number"
             reason="JPO registered number of an applicant: canonical parties have a name and a country only"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/parties//addressbook/address"
             reason="postal address text: canonical parties have a name and a country only"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/parties//addressbook[not(name)]"
             reason="second address book (lang en) holding only a transliterated address"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/parties//addressbook/@lang"
             reason="language of an address book; canonical names carry none (canonical-to-jpo writes the gazette language on applicants)"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/priority-claims/priority-claim/@jp:kind"
             reason="JPO's claim category (international for every foreign Paris priority) is not canonical's kind, which dl:priority-kind decides from the number (a US or KR priority is national). canonical-to-jpo rebuilds it by JPO's rule: JP patent/utility, PCT pct, any other office international"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/priority-claims/priority-claim/@kind"
             reason="a plain kind attribute on a priority claim is the office's category, not canonical's kind (decided from the number); it is not written back"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/dates-of-public-availability"
             reason="printing with a grant (patent number and date) of another document: no canonical element"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/classification-ipc"
             reason="IPC version date, level/position flags, action date and office of each symbol (20060101AFI20210219BHJP) and the edition: canonical keeps the symbols only (scheme IPC), from which canonical-to-jpo rebuilds main-clsf/further-clsf in the gazette's columns without the flags"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/classification-national/*/@jp:facet"
             reason="FI facet code of a national classification: canonical classifications are plain symbols"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/number-of-claims"
             reason="claim count: no canonical element"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/figure-to-publish"
             reason="number of the figure printed with the abstract: no canonical element"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/related-documents"
             reason="divisional parent application (related-documents/division): canonical has no parent or relation element"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/designation-of-states"
             reason="PCT designated states of the parent PCT application: no canonical element"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/pct-or-regional-filing-data"
             reason="the PCT application of a national phase entry (kind T) is its parent, not a priority claim; canonical has no parent element, so it is not made a priority claim"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/pct-or-regional-publishing-data"
             reason="WO publication of the parent PCT application: a publication of another application, not of this dossier"/>
    <dl:item path="/jp-official-gazette/bibliographic-data/jp:*"
             reason="JPO administrative data (request for examination, filing form, total pages, translation submission date, theme codes, F-terms...): no canonical element"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:apply-templates select="jp-official-gazette"/>
    <xsl:if test="not(jp-official-gazette)">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-jpo'), 'not a JPO gazette: the root element is ' || (name(*)) || ', expected jp-official-gazette')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="jp-official-gazette">
    <xsl:variable name="b" select="bibliographic-data"/>
    <xsl:variable name="office" select="(normalize-space(@country)[.], normalize-space($b/@country)[.], 'JP')[1]"/>
    <xsl:variable name="lang" select="lower-case((normalize-space($b/invention-title/@lang)[.], normalize-space($b/@lang)[.], normalize-space(@lang)[.])[1])"/>
    <xsl:variable name="app" select="$b/application-reference/document-id"/>
    <xsl:if test="not(normalize-space($app/doc-number))">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:no-application'), 'JPO gazette without an application number (bibliographic-data/application-reference/document-id/doc-number)')"/>
    </xsl:if>
    <dos:dossiers>
      <dos:dossier source="jpo">
        <xsl:sequence select="dl:application(($app/country[normalize-space()], $office)[1], $app/doc-number, (), $app/date)"/>
        <xsl:if test="$b/publication-reference/document-id/doc-number[normalize-space()]">
          <dos:publications>
            <xsl:for-each select="$b/publication-reference/document-id[normalize-space(doc-number)]">
              <xsl:sequence select="dl:publication((country[normalize-space()], $office)[1], doc-number,
                                                   normalize-space(ancestor::jp-official-gazette/@kind-of-st16), date)"/>
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
            <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </dos:title>
        </xsl:for-each>
        <xsl:for-each select="$b/parties/jp:applicants-agents-article/jp:applicants-agents/applicant">
          <dos:applicant sequence="{(@sequence[. castable as xs:positiveInteger], position())[1]}">
            <dos:name><xsl:value-of select="normalize-space(addressbook[name][1]/name)"/></dos:name>
          </dos:applicant>
        </xsl:for-each>
        <xsl:for-each select="$b/parties/inventors/inventor">
          <dos:inventor sequence="{(@sequence[. castable as xs:positiveInteger], position())[1]}">
            <dos:name><xsl:value-of select="normalize-space(addressbook[name][1]/name)"/></dos:name>
          </dos:inventor>
        </xsl:for-each>
        <xsl:for-each select="$b/classification-ipc/(main-clsf | further-clsf)">
          <xsl:variable name="s" select="dl:ipc-symbol(.)"/>
          <xsl:if test="empty($s)">
            <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:bad-ipc'), 'classification-ipc/' || (local-name()) || ' ''' || (normalize-space(.)) || ''' is not an IPC symbol')"/>
          </xsl:if>
          <dos:classification scheme="IPC"><xsl:value-of select="$s"/></dos:classification>
        </xsl:for-each>
        <xsl:for-each select="$b/classification-national/(main-clsf | further-clsf)[normalize-space()]">
          <dos:classification scheme="national"><xsl:value-of select="normalize-space(.)"/></dos:classification>
        </xsl:for-each>
        <xsl:for-each select="abstract[p]">
          <dos:abstract>
            <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
            <xsl:value-of select="string-join(p ! dl:lines(.), '&#10;&#10;')"/>
          </dos:abstract>
        </xsl:for-each>
      </dos:dossier>
    </dos:dossiers>
  </xsl:template>

</xsl:stylesheet>
