<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical dossiers to DOCDB (EPO exchange format, http://www.epo.org/exchange, as OPS serves it):
  ops:world-patent-data/exchange-documents with one exchange-document per dossier, in the DOCDB element
  order (publication-reference, classifications-ipcr, patent-classifications, application-reference,
  priority-claims, parties, invention-title; abstract after bibliographic-data).
  Built against the biblio_*.xml answers of ../shared/corpus/epo-ops/responses/ (round trips) and the
  canonical output of every DOCDB corpus file.

  - Numbers: docdb document-ids carry the DOCDB exchange form (NumberNormalizer.docdbExchangeForm): the
    canonical number, except PCT applications, which DOCDB files under the receiving office
    (WO.2016US015853.W is written US / 2016015853 / W). An epodoc document-id (best-effort epodoc form,
    with the date) and the original one (originalNumber) follow, as OPS serves them.
  - Dates: xs:date to YYYYMMDD (dl:yyyymmdd). The application's filing date goes on its epodoc id, the
    priority date on the claim's docdb id, the publication date on both publication ids.
  - Priority claims: priority-claims/priority-claim with sequence, kind (canonical's, decided from the
    number), the docdb document-id (country, number, kind where the canonical docdb has one, date), the
    original one, and priority-active-indicator NO for an inactive claim (nothing for an active one, as in
    the exchange documents OPS serves).
  - Parties: epodoc format (the one DocdbExchangeReader prefers), "NAME [CC]" where the country is known.
  - Classifications: IPC as classification-ipcr/text with the symbol; CPC split into section, class,
    subclass, main-group and subgroup under scheme CPC.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns="http://www.epo.org/exchange"
    xmlns:ops="http://ops.epo.org"
    exclude-result-prefixes="xs dl dos ops">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/docdb.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What DOCDB output cannot hold: XPath 1.0 on the canonical document (prefix dos). -->
  <dl:cannot-hold>
    <dl:item path="//dos:publications/dos:publication[position() &gt; 1]" reason="one exchange-document per dossier holds one publication-reference: the first publication only"/>
    <dl:item path="//dos:dossier/@source" reason="the way back says source docdb"/>
    <dl:item path="//dos:classification[@scheme = 'national']" reason="national classifications are not written (DocdbExchangeReader reads only IPC and CPC)"/>
    <dl:item path="//dos:documents" reason="file-wrapper document lists: DOCDB is bibliographic only"/>
  </dl:cannot-hold>

  <!-- ops in exclude-result-prefixes: otherwise every literal result element carries
       the ops namespace, and Saxon merges and compares it for each element written (namespace-map work was about a
       tenth of canonical → docdb in a profile). The output is the same:
       the root ops:world-patent-data declares it by its name. -->
  <xsl:template match="/">
    <xsl:variable name="dossiers" select="/dos:dossiers/dos:dossier | /dos:dossier"/>
    <xsl:if test="empty(/dos:dossiers | /dos:dossier)">
      <xsl:message terminate="yes" error-code="dl:DOCDB010">not a canonical dossier: the root must be dos:dossiers or dos:dossier</xsl:message>
    </xsl:if>
    <ops:world-patent-data>
      <exchange-documents>
        <xsl:apply-templates select="$dossiers"/>
      </exchange-documents>
    </ops:world-patent-data>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="pub" select="dos:publications/dos:publication[1]"/>
    <exchange-document>
      <xsl:if test="normalize-space(@familyId)"><xsl:attribute name="family-id" select="@familyId"/></xsl:if>
      <xsl:if test="exists($pub)">
        <xsl:attribute name="country" select="$pub/dos:country"/>
        <xsl:attribute name="doc-number" select="$pub/dos:number"/>
        <xsl:if test="normalize-space($pub/dos:kind)"><xsl:attribute name="kind" select="$pub/dos:kind"/></xsl:if>
      </xsl:if>
      <bibliographic-data>
        <xsl:if test="exists($pub)">
          <publication-reference>
            <document-id document-id-type="docdb">
              <country><xsl:value-of select="$pub/dos:country"/></country>
              <doc-number><xsl:value-of select="$pub/dos:number"/></doc-number>
              <xsl:if test="normalize-space($pub/dos:kind)"><kind><xsl:value-of select="$pub/dos:kind"/></kind></xsl:if>
              <xsl:if test="$pub/dos:date"><date><xsl:value-of select="dl:yyyymmdd($pub/dos:date)"/></date></xsl:if>
            </document-id>
            <document-id document-id-type="epodoc">
              <doc-number><xsl:value-of select="concat($pub/dos:country, $pub/dos:number)"/></doc-number>
              <xsl:if test="$pub/dos:date"><date><xsl:value-of select="dl:yyyymmdd($pub/dos:date)"/></date></xsl:if>
            </document-id>
          </publication-reference>
        </xsl:if>
        <xsl:if test="dos:classification[@scheme = 'IPC']">
          <classifications-ipcr>
            <xsl:for-each select="dos:classification[@scheme = 'IPC']">
              <classification-ipcr sequence="{position()}">
                <text><xsl:value-of select="normalize-space(.)"/></text>
              </classification-ipcr>
            </xsl:for-each>
          </classifications-ipcr>
        </xsl:if>
        <xsl:if test="dos:classification[@scheme = 'CPC']">
          <patent-classifications>
            <xsl:for-each select="dos:classification[@scheme = 'CPC']">
              <!-- dl:symbol: "H04W 84/20" whatever the spacing and zeros; the parts at fixed places -->
              <xsl:variable name="n" select="dl:symbol(string(.))"/>
              <xsl:if test="empty($n)">
                <xsl:message terminate="yes" error-code="dl:DOCDB011">CPC symbol '<xsl:value-of select="normalize-space(.)"/>' is not in the form H04W 84/20: DOCDB splits it into section, class, subclass, main-group and subgroup</xsl:message>
              </xsl:if>
              <patent-classification sequence="{position()}">
                <classification-scheme office="" scheme="CPC"/>
                <section><xsl:value-of select="substring($n, 1, 1)"/></section>
                <class><xsl:value-of select="substring($n, 2, 2)"/></class>
                <subclass><xsl:value-of select="substring($n, 4, 1)"/></subclass>
                <main-group><xsl:value-of select="substring-before(substring($n, 6), '/')"/></main-group>
                <subgroup><xsl:value-of select="substring-after($n, '/')"/></subgroup>
              </patent-classification>
            </xsl:for-each>
          </patent-classifications>
        </xsl:if>
        <xsl:apply-templates select="dos:application"/>
        <xsl:if test="dos:priorityClaims/dos:priorityClaim">
          <priority-claims>
            <xsl:apply-templates select="dos:priorityClaims/dos:priorityClaim"/>
          </priority-claims>
        </xsl:if>
        <xsl:if test="dos:applicant | dos:inventor">
          <parties>
            <xsl:if test="dos:applicant">
              <applicants><xsl:apply-templates select="dos:applicant"/></applicants>
            </xsl:if>
            <xsl:if test="dos:inventor">
              <inventors><xsl:apply-templates select="dos:inventor"/></inventors>
            </xsl:if>
          </parties>
        </xsl:if>
        <xsl:for-each select="dos:title">
          <invention-title>
            <xsl:if test="normalize-space(@lang)"><xsl:attribute name="lang" select="@lang"/></xsl:if>
            <xsl:value-of select="."/>
          </invention-title>
        </xsl:for-each>
      </bibliographic-data>
      <xsl:for-each select="dos:abstract">
        <abstract>
          <xsl:if test="normalize-space(@lang)"><xsl:attribute name="lang" select="@lang"/></xsl:if>
          <p><xsl:value-of select="."/></p>
        </abstract>
      </xsl:for-each>
    </exchange-document>
  </xsl:template>

  <xsl:template match="dos:application">
    <xsl:variable name="kind" select="normalize-space(dos:kind)[. != '']"/>
    <xsl:variable name="x" select="dl:docdb-exchange-form(dos:office, dos:number, $kind)"/>
    <application-reference>
      <document-id document-id-type="docdb">
        <country><xsl:value-of select="$x[1]"/></country>
        <doc-number><xsl:value-of select="$x[2]"/></doc-number>
        <xsl:if test="exists($kind)"><kind><xsl:value-of select="$kind"/></kind></xsl:if>
      </document-id>
      <document-id document-id-type="epodoc">
        <doc-number><xsl:value-of select="dl:epodoc-application(dos:office, dos:number, $kind)"/></doc-number>
        <xsl:if test="dos:filingDate"><date><xsl:value-of select="dl:yyyymmdd(dos:filingDate)"/></date></xsl:if>
      </document-id>
      <xsl:if test="normalize-space(dos:originalNumber)">
        <document-id document-id-type="original">
          <doc-number><xsl:value-of select="dos:originalNumber"/></doc-number>
        </document-id>
      </xsl:if>
    </application-reference>
  </xsl:template>

  <xsl:template match="dos:priorityClaim">
    <!-- the kind of the claimed number: third part of the canonical docdb (WO.2013US064552.W), if any -->
    <xsl:variable name="kind" select="tokenize(normalize-space(dos:docdb), '\.')[3]"/>
    <xsl:variable name="x" select="dl:docdb-exchange-form(dos:country, dos:number, $kind)"/>
    <priority-claim sequence="{@sequence}">
      <xsl:if test="@kind"><xsl:attribute name="kind" select="@kind"/></xsl:if>
      <document-id document-id-type="docdb">
        <country><xsl:value-of select="$x[1]"/></country>
        <doc-number><xsl:value-of select="$x[2]"/></doc-number>
        <xsl:if test="exists($kind)"><kind><xsl:value-of select="$kind"/></kind></xsl:if>
        <xsl:if test="dos:date"><date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></date></xsl:if>
      </document-id>
      <xsl:if test="normalize-space(dos:originalNumber)">
        <document-id document-id-type="original">
          <doc-number><xsl:value-of select="dos:originalNumber"/></doc-number>
        </document-id>
      </xsl:if>
      <xsl:if test="@active = ('false', '0')">
        <priority-active-indicator>NO</priority-active-indicator>
      </xsl:if>
    </priority-claim>
  </xsl:template>

  <xsl:template match="dos:applicant | dos:inventor">
    <xsl:variable name="name" select="local-name()"/>
    <xsl:element name="{$name}" namespace="http://www.epo.org/exchange">
      <xsl:if test="@sequence"><xsl:attribute name="sequence" select="@sequence"/></xsl:if>
      <xsl:attribute name="data-format" select="'epodoc'"/>
      <xsl:element name="{$name}-name" namespace="http://www.epo.org/exchange">
        <name><xsl:value-of select="normalize-space(dos:name)"/><xsl:if test="normalize-space(dos:country)"> [<xsl:value-of select="dos:country"/>]</xsl:if></name>
      </xsl:element>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
