<?xml version="1.0" encoding="UTF-8"?>
<!--
  Functions shared by the EPO dialect stylesheets (ep-publication, ep-toc, ep-register).
  Include it with <xsl:include href="lib/ep.xsl"/> after lib/common.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl">

  <!-- The one dossier of a canonical input (dos:dossier, or dos:dossiers holding exactly one), for the
       dialects that hold one dossier per document. -->
  <xsl:function name="dl:single-dossier" as="element(dos:dossier)">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="dialect" as="xs:string"/>
    <xsl:variable name="all" select="$doc/(self::dos:dossier | dos:dossier | dos:dossiers/dos:dossier)"/>
    <xsl:if test="count($all) ne 1">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:one-dossier'), concat(string($dialect), ' holds exactly one dossier per document; the input holds ', string(count($all))))"/>
    </xsl:if>
    <xsl:sequence select="$all"/>
  </xsl:function>

  <!-- Refuses a dossier whose application is not a European one: the EPO formats hold EP applications only. -->
  <xsl:template name="dl:require-ep">
    <xsl:param name="d" as="element(dos:dossier)"/>
    <xsl:param name="dialect" as="xs:string"/>
    <xsl:if test="$d/dos:application/dos:office ne 'EP'">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-ep'), concat(string($dialect), ' holds European applications only; the dossier''s application is ', string($d/dos:application/dos:docdb), ' (office ', string($d/dos:application/dos:office), ')'))"/>
    </xsl:if>
  </xsl:template>

  <!-- The publication an EP document describes: the first EP publication of the dossier. -->
  <xsl:function name="dl:ep-publication" as="element(dos:publication)?">
    <xsl:param name="d" as="element(dos:dossier)"/>
    <xsl:sequence select="$d/dos:publications/dos:publication[dos:country = 'EP'][1]"/>
  </xsl:function>

  <!-- EP application number with its check digit: 05255002 → 05255002.7 (Luhn over the 8 digits). -->
  <xsl:function name="dl:ep-application-with-check-digit" as="xs:string">
    <xsl:param name="number" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="matches($number, '^[0-9]{8}$')">
        <xsl:variable name="digits" select="reverse(string-to-codepoints($number) ! (. - 48))"/>
        <xsl:variable name="sum" select="sum(for $i in 1 to 8 return
                 (if ($i mod 2 = 1) then (let $d := $digits[$i] * 2 return if ($d gt 9) then $d - 9 else $d)
                  else $digits[$i]))"/>
        <xsl:sequence select="concat($number, '.', (10 - $sum mod 10) mod 10)"/>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$number"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- "H04N 1/40" → the 19-character symbol part of an ST.8 IPCR record: "H04N   1/40        ". -->
  <xsl:function name="dl:ipcr-fixed-width" as="xs:string">
    <xsl:param name="symbol" as="xs:string"/>
    <xsl:variable name="g" select="dl:ipc-parts($symbol)"/>
    <xsl:choose>
      <xsl:when test="exists($g)">
        <xsl:sequence select="concat($g[1], substring('    ', string-length($g[2]) + 1), $g[2], '/', $g[3],
                                     substring('      ', string-length($g[3]) + 1), '    ')"/>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$symbol"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Parts of an IPC symbol ("H04N 1/40", "H04N1/40"): subclass, main group, subgroup; empty when not a symbol. -->
  <xsl:function name="dl:ipc-parts" as="xs:string*">
    <xsl:param name="symbol" as="xs:string"/>
    <!-- white space (XPath's \s: space, tab, CR, LF) dropped, then the whole symbol matched; Java's regex
         engine (dl:match-groups), not a fn:analyze-string result tree per call -->
    <xsl:sequence select="dl:match-groups(translate($symbol, '&#32;&#9;&#10;&#13;', ''), '([A-H][0-9]{2}[A-Z])([0-9]{1,4})/([0-9]{1,6})')"/>
  </xsl:function>

</xsl:stylesheet>
