<?xml version="1.0" encoding="UTF-8"?>
<!--
  Helpers of the JPO and CNIPA stylesheets (jpo, cnipa-old, cnipa-new): IPC symbols and their
  fixed-column layout, and paragraph text with line breaks.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    exclude-result-prefixes="xs dl">

  <!-- An IPC symbol in canonical form (as DocdbExchangeReader writes it): "H01L 21/301" from the fixed-column
       ST.8 text "H01L  21/301       20060101AFI20210219BHJP" or "C07K   16/18    (2006.01)". -->
  <xsl:function name="dl:ipc-symbol" as="xs:string?">
    <xsl:param name="text" as="xs:string?"/>
    <!-- Java's regex engine (dl:match-groups): Saxon compiles an xsl:analyze-string regex again on every
         call. [ \t\n\r] is XPath's \s; the trailing (?s:.*) lets the symbol be followed by anything, as the
         unanchored end did. -->
    <xsl:variable name="g" select="dl:match-groups(normalize-space($text), '([A-H][0-9]{2}[A-Z])[ \t\n\r]*([0-9]{1,4})[ \t\n\r]*/[ \t\n\r]*([0-9]{1,6})(?s:.*)')"/>
    <xsl:if test="exists($g)">
      <xsl:sequence select="concat($g[1], ' ', $g[2], '/', $g[3])"/>
    </xsl:if>
  </xsl:function>

  <!-- The IPC symbol's subclass, main group and subgroup: ("H01L", "21", "301"). -->
  <xsl:function name="dl:ipc-parts" as="xs:string*">
    <xsl:param name="symbol" as="xs:string"/>
    <xsl:sequence select="dl:match-groups(normalize-space($symbol), '([A-H][0-9]{2}[A-Z])[ \t\n\r]*([0-9]{1,4})[ \t\n\r]*/[ \t\n\r]*([0-9]{1,6})')"/>
  </xsl:function>

  <!-- Pads a string on the left (right-aligns) to a width with spaces. -->
  <xsl:function name="dl:pad-left" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:sequence select="concat(string-join(for $i in 1 to ($width - string-length($s)) return ' ', ''), $s)"/>
  </xsl:function>

  <!-- Pads a string on the right (left-aligns) to a width with spaces. -->
  <xsl:function name="dl:pad-right" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:sequence select="concat($s, string-join(for $i in 1 to ($width - string-length($s)) return ' ', ''))"/>
  </xsl:function>

  <!-- An IPC symbol in the gazettes' fixed columns: subclass, main group right-aligned in 4, '/', subgroup
       left-aligned in 10 ("H01L  21/301       "). The symbol as given when it is not an IPC symbol. -->
  <xsl:function name="dl:ipc-columns" as="xs:string">
    <xsl:param name="symbol" as="xs:string"/>
    <xsl:variable name="p" select="dl:ipc-parts($symbol)"/>
    <xsl:sequence select="if (count($p) = 3)
                          then concat($p[1], dl:pad-left($p[2], 4), '/', dl:pad-right($p[3], 10))
                          else $symbol"/>
  </xsl:function>

  <!-- Text of a paragraph with <br/> as a line break; every other element gives its text. -->
  <xsl:function name="dl:lines" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$p/node()">
        <xsl:choose>
          <xsl:when test="self::*[local-name() = 'br']"><xsl:sequence select="'&#10;'"/></xsl:when>
          <xsl:otherwise><xsl:sequence select="string(.)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join(for $l in tokenize(string-join($parts, ''), '&#10;') return normalize-space($l), '&#10;')"/>
  </xsl:function>

</xsl:stylesheet>
