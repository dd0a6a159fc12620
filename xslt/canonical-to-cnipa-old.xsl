<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical dossier to CNIPA's older format (cn-patent-document, cn_old.dtd). A document holds one
  dossier: the input is one dos:dossier, or a dos:dossiers holding exactly one.

  Built against the canonical output of ../shared/corpus/cnipa/CN103492414A_cn_old.xml. The bibliographic
  part is rebuilt in the DTD's order: cn-publication-reference, application-reference, priority-claims,
  classifications-ipcr, invention-title, abstract, cn-related-publication, cn-related-documents,
  cn-parties.

  Numbers: the application doc-number is canonical originalNumber (200880114428.1, with its check digit as
  CNIPA wrote it), else the normalised number; publication doc-number and kind are the canonical ones.
  appl-type comes from the number's type digit (1, 8: 发明专利; 2, 9: 实用新型; 3: 外观设计).
  Dates: xs:date to YYYYMMDD with dl:yyyymmdd.
  Priority claims: doc-number is originalNumber; @kind is CNIPA's usage, not canonical's kind
  (cnipa-old-to-canonical.xsl lists it): national for a CN application, international for any other.
  Language: the document @lang is the title's language in upper case (zh to ZH).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl dos">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/jpo-cnipa.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@source"
             reason="the dialect a record came from: the document does not say; cnipa-old-to-canonical writes cnipa-old"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId"
             reason="family id: no element in cn-patent-document"/>
    <dl:item path="//dos:dossier/dos:applicant/dos:country | //dos:dossier/dos:inventor/dos:country"
             reason="a party's country: the address is free text, so the country is not written"/>
    <dl:item path="//dos:dossier/dos:publications/dos:publication[position() &gt; 1]"
             reason="a cn-patent-document is one publication: it holds the first one only"/>
    <dl:item path="//dos:dossier/dos:classification[@scheme != 'IPC']"
             reason="CPC and national classifications: cn-patent-document has IPC only"/>
    <dl:item path="//dos:dossier/dos:abstract[position() &gt; 1]"
             reason="a cn-patent-document has one abstract"/>
    <dl:item path="//dos:dossier/dos:documents"
             reason="file-wrapper documents: cn-patent-document lists none"/>
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
            'a cn-patent-document holds exactly one dossier; the input holds ' || count($d))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$d"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:if test="$app/dos:office != 'CN'">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-cn'),
          'a cn-patent-document holds a CN application; this dossier''s application is ' || $app/dos:docdb)"/>
    </xsl:if>
    <xsl:variable name="lang" select="upper-case((dos:title/@lang, dos:abstract/@lang, 'zh')[1])"/>
    <xsl:variable name="pub" select="dos:publications/dos:publication[1]"/>
    <cn-patent-document lang="{$lang}" country="CN">
      <cn-bibliographic-data>
        <cn-publication-reference>
          <xsl:if test="$pub">
            <document-id>
              <country><xsl:value-of select="$pub/dos:country"/></country>
              <doc-number><xsl:value-of select="$pub/dos:number"/></doc-number>
              <xsl:if test="$pub/dos:kind"><kind><xsl:value-of select="$pub/dos:kind"/></kind></xsl:if>
              <xsl:if test="$pub/dos:date"><date><xsl:value-of select="dl:yyyymmdd($pub/dos:date)"/></date></xsl:if>
            </document-id>
          </xsl:if>
        </cn-publication-reference>
        <application-reference appl-type="{dl:cn-appl-type($app/dos:number)}">
          <document-id>
            <country>CN</country>
            <doc-number><xsl:value-of select="($app/dos:originalNumber[normalize-space()], $app/dos:number)[1]"/></doc-number>
            <xsl:if test="$app/dos:filingDate"><date><xsl:value-of select="dl:yyyymmdd($app/dos:filingDate)"/></date></xsl:if>
          </document-id>
        </application-reference>
        <xsl:if test="dos:priorityClaims/dos:priorityClaim">
          <priority-claims>
            <xsl:for-each select="dos:priorityClaims/dos:priorityClaim">
              <priority-claim sequence="{@sequence}" kind="{if (dos:country = 'CN') then 'national' else 'international'}">
                <country><xsl:value-of select="dos:country"/></country>
                <doc-number><xsl:value-of select="(dos:originalNumber[normalize-space()], dos:number)[1]"/></doc-number>
                <xsl:if test="dos:date"><date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></date></xsl:if>
              </priority-claim>
            </xsl:for-each>
          </priority-claims>
        </xsl:if>
        <xsl:if test="dos:classification[@scheme = 'IPC']">
          <classifications-ipcr>
            <xsl:for-each select="dos:classification[@scheme = 'IPC']">
              <classification-ipcr>
                <text><xsl:value-of select="dl:cn-ipc-columns(.)"/></text>
              </classification-ipcr>
            </xsl:for-each>
          </classifications-ipcr>
        </xsl:if>
        <!-- the DTD allows several titles: the first in the document language carries no @lang, as in the corpus -->
        <xsl:for-each select="dos:title">
          <invention-title>
            <xsl:if test="position() gt 1 and @lang"><xsl:attribute name="lang" select="upper-case(@lang)"/></xsl:if>
            <xsl:value-of select="."/>
          </invention-title>
        </xsl:for-each>
        <xsl:if test="not(dos:title)"><invention-title/></xsl:if>
        <xsl:for-each select="dos:abstract[1]">
          <abstract>
            <xsl:for-each select="dl:tokenize(string(.), '\n[ \t\r]*\n')">
              <p num="{position()}">
                <xsl:for-each select="dl:tokenize(., '\n')">
                  <xsl:if test="position() gt 1"><br/></xsl:if>
                  <xsl:value-of select="normalize-space(.)"/>
                </xsl:for-each>
              </p>
            </xsl:for-each>
          </abstract>
        </xsl:for-each>
        <cn-related-publication/>
        <cn-related-documents/>
        <cn-parties>
          <xsl:if test="dos:applicant">
            <cn-applicants cn-representative-is="">
              <xsl:for-each select="dos:applicant">
                <cn-applicant sequence="{(@sequence, position())[1]}">
                  <addressbook lang="{$lang}">
                    <name><xsl:value-of select="dos:name"/></name>
                  </addressbook>
                </cn-applicant>
              </xsl:for-each>
            </cn-applicants>
          </xsl:if>
          <xsl:if test="dos:inventor">
            <cn-inventors>
              <xsl:for-each select="dos:inventor">
                <cn-inventor sequence="{(@sequence, position())[1]}" cn-not-to-be-published-request-by-inventor="no">
                  <name><xsl:value-of select="dos:name"/></name>
                </cn-inventor>
              </xsl:for-each>
            </cn-inventors>
          </xsl:if>
        </cn-parties>
      </cn-bibliographic-data>
    </cn-patent-document>
  </xsl:template>

  <!-- appl-type from the type digit of a CN application number (12 digits since 2003, 8 before). -->
  <xsl:function name="dl:cn-appl-type" as="xs:string">
    <xsl:param name="number" as="xs:string"/>
    <xsl:variable name="n" select="replace($number, '[^0-9]', '')"/>
    <xsl:variable name="type" select="if (string-length($n) ge 12) then substring($n, 5, 1) else substring($n, 3, 1)"/>
    <xsl:sequence select="if ($type = ('1', '8')) then '发明专利'
                          else if ($type = ('2', '9')) then '实用新型'
                          else if ($type = '3') then '外观设计'
                          else '发明专利'"/>
  </xsl:function>

  <!-- An IPC symbol in CNIPA's columns: subclass, main group right-aligned in 5, '/', subgroup. -->
  <xsl:function name="dl:cn-ipc-columns" as="xs:string">
    <xsl:param name="symbol" as="xs:string"/>
    <xsl:variable name="p" select="dl:ipc-parts($symbol)"/>
    <xsl:sequence select="if (count($p) = 3) then concat($p[1], dl:pad-left($p[2], 5), '/', $p[3]) else string($symbol)"/>
  </xsl:function>

</xsl:stylesheet>
