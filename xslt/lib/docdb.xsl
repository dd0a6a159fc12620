<?xml version="1.0" encoding="UTF-8"?>
<!--
  Functions of the DOCDB dialect (EPO exchange format as OPS serves it), shared by
  docdb-to-canonical.xsl and canonical-to-docdb.xsl. Include after lib/common.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:ex="http://www.epo.org/exchange"
    exclude-result-prefixes="xs dl ex">

  <!-- A DOCDB document-id as the normaliser reads it: CC.number.kind (the kind W marks a PCT application
       filed under its receiving office, US.2016015853.W). -->
  <xsl:function name="dl:docdb-text" as="xs:string?">
    <xsl:param name="id" as="element(ex:document-id)?"/>
    <xsl:variable name="n" select="normalize-space($id/ex:doc-number)"/>
    <xsl:variable name="k" select="normalize-space($id/ex:kind)"/>
    <xsl:if test="exists($id) and $n != ''">
      <xsl:sequence select="concat(normalize-space($id/ex:country), '.', $n, if ($k != '') then concat('.', $k) else '')"/>
    </xsl:if>
  </xsl:function>

  <!-- The number as DOCDB exchange data writes it (NumberNormalizer.docdbExchangeForm): CC.number.kind,
       except PCT applications, which DOCDB files under the receiving office: WO.2016US015853.W gives
       US.2016015853.W, WO.2002CH000573.W (before 2004) gives CH.0200573.W. Returns (country, number). -->
  <xsl:function name="dl:docdb-exchange-form" as="xs:string+">
    <xsl:param name="country" as="xs:string"/>
    <xsl:param name="number" as="xs:string"/>
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="$country = 'WO' and $kind = 'W' and matches($number, '^[0-9]{4}[A-Z]{2}[0-9]{6}$')">
        <xsl:variable name="year" select="substring($number, 1, 4)"/>
        <xsl:variable name="serial" select="substring($number, 7)"/>
        <xsl:sequence select="substring($number, 5, 2)"/>
        <xsl:sequence select="if (xs:integer($year) lt 2004 and starts-with($serial, '0'))
                              then concat(substring($year, 3), substring($serial, 2))
                              else concat($year, $serial)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="($country, $number)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Best-effort epodoc form of an application number (EP and GB: YYYY + 7-digit serial; PCT:
       WO + YYYY + office + serial without leading zeros; US provisionals end in P; else CC + number). -->
  <xsl:function name="dl:epodoc-application" as="xs:string">
    <xsl:param name="country" as="xs:string"/>
    <xsl:param name="number" as="xs:string"/>
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="$country = 'WO' and matches($number, '^[0-9]{4}[A-Z]{2}[0-9]+$')">
        <xsl:sequence select="concat('WO', substring($number, 1, 6), replace(substring($number, 7), '^0+', ''))"/>
      </xsl:when>
      <xsl:when test="$country = ('EP', 'GB') and matches($number, '^[0-9]{7,8}$')">
        <xsl:variable name="yy" select="xs:integer(substring($number, 1, 2))"/>
        <xsl:variable name="serial" select="substring($number, 3)"/>
        <xsl:sequence select="concat($country, if ($yy gt 70) then '19' else '20', substring($number, 1, 2),
                              substring('0000000', string-length($serial) + 1), $serial)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="concat($country, $number, if ($country = 'US' and $kind = 'P') then 'P' else '')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- "H04W  84/    20            A I   " becomes "H04W 84/20" (DocdbExchangeReader.ipcSymbol). -->
  <xsl:function name="dl:ipc-symbol" as="xs:string?">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize(normalize-space($text), ' ')"/>
    <xsl:choose>
      <xsl:when test="normalize-space($text) = ''"/>
      <xsl:when test="count($parts) lt 3 or not(ends-with($parts[2], '/'))">
        <xsl:sequence select="normalize-space($text)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="concat($parts[1], ' ', $parts[2], $parts[3])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>
