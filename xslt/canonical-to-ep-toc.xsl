<?xml version="1.0" encoding="UTF-8"?>
<!--
  canonical → ep-toc.

  Dialect: the table of contents of an EPO publication package (Application-body, dtd="v0.01"), as in
  ../shared/corpus/st36/ep-publication/EP1667425A1_toc.xml and EP1599469B1_toc.xml.

  Input: one dos:dossier (or dos:dossiers holding exactly one) of a European application.
  - id, country, kind, pubdate: the first EP publication (number, country, kind, date as YYYY/MM/DD).
  - appnum: the normalised 8-digit application number (no check digit).
  - ipc: the IPC classifications in the compact form, space separated: H04N 1/40 → H04N000140
    (4-digit main group, subgroup of at least 2 digits).
  - dtd="v0.01". lang and status are not held and not written.
  No Document is written: the package's files are not in canonical, so the output lacks the Document
  children its internal DTD requires; it describes the publication, not the package.
  The internal DTD subset of the corpus files cannot be written by XSLT and is left out.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl dos">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/ep.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@source" reason="the dialect a record came from; the converted record says ep-toc"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId" reason="the table of contents has no family identifier"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:application/dos:originalNumber" reason="appnum is written in the normalised 8-digit form; the original form (05255002.7) is not kept"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:application/dos:filingDate" reason="the table of contents has no filing date"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:publications/dos:publication[dos:country = 'EP'][position() &gt; 1] | /dos:dossiers/dos:dossier/dos:publications/dos:publication[dos:country != 'EP']" reason="a package describes one EP publication (the first EP one of the dossier)"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:priorityClaims" reason="the table of contents has no priority claims"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:title" reason="the table of contents has no titles"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:applicant" reason="the table of contents has no parties"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:inventor" reason="the table of contents has no parties"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:classification[@scheme != 'IPC']" reason="ipc holds IPC symbols only"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:abstract" reason="the table of contents has no abstract"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:documents" reason="package parts are file names only (ExtRef); canonical documents are not written"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="d" select="dl:single-dossier(., 'ep-toc')"/>
    <xsl:call-template name="dl:require-ep">
      <xsl:with-param name="d" select="$d"/>
      <xsl:with-param name="dialect" select="'ep-toc'"/>
    </xsl:call-template>
    <xsl:apply-templates select="$d"/>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="pub" select="dl:ep-publication(.)"/>
    <xsl:variable name="ipc" select="dos:classification[@scheme = 'IPC'] ! dl:ipc-compact(.)"/>
    <Application-body>
      <xsl:if test="$pub">
        <xsl:attribute name="id" select="$pub/dos:number"/>
        <xsl:attribute name="country" select="$pub/dos:country"/>
        <xsl:if test="$pub/dos:kind"><xsl:attribute name="kind" select="$pub/dos:kind"/></xsl:if>
      </xsl:if>
      <xsl:attribute name="appnum" select="dos:application/dos:number"/>
      <xsl:if test="exists($ipc)"><xsl:attribute name="ipc" select="string-join($ipc, ' ')"/></xsl:if>
      <xsl:if test="$pub/dos:date">
        <!-- YYYY/MM/DD: the xs:date's own text with slashes (format-date is several times slower); a year
             outside 0001-9999 goes through format-date -->
        <xsl:variable name="date" select="xs:date($pub/dos:date)"/>
        <xsl:variable name="text" select="string($date)"/>
        <xsl:attribute name="pubdate" select="if (substring($text, 5, 1) = '-') then translate(substring($text, 1, 10), '-', '/')
                                              else format-date($date, '[Y0001]/[M01]/[D01]')"/>
      </xsl:if>
      <xsl:attribute name="dtd" select="'v0.01'"/>
    </Application-body>
  </xsl:template>

  <!-- "H04N 1/40" → "H04N000140"; "C07D 403/04" → "C07D040304". -->
  <xsl:function name="dl:ipc-compact" as="xs:string">
    <xsl:param name="symbol" as="xs:string"/>
    <xsl:variable name="p" select="dl:ipc-parts($symbol)"/>
    <xsl:if test="count($p) ne 3">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:ipc'), concat('IPC classification ''', $symbol, ''' is not a symbol the table of contents can write (H04N 1/40)'))"/>
    </xsl:if>
    <xsl:variable name="main" select="string(xs:integer($p[2]))"/>
    <xsl:sequence select="concat($p[1], substring('0000', string-length($main) + 1), $main,
                                 if (string-length($p[3]) lt 2) then concat('0', $p[3]) else $p[3])"/>
  </xsl:function>

</xsl:stylesheet>
