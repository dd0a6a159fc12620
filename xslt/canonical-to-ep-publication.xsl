<?xml version="1.0" encoding="UTF-8"?>
<!--
  canonical → ep-publication.

  Dialect: the EPO publication server's ep-patent-document v1.0 with INID B-code element names, written
  with its DOCTYPE ("-//EPO//EP PATENT DOCUMENT 1.0//EN", ep-patent-document-v1-0.dtd).
  Built against ../shared/corpus/st36/ep-publication/EP1667425A1_DOC00001.xml and EP1599469B1_DOC00001.xml:
  the bibliographic part (SDOBI) is rebuilt in their element order, number and date formats.

  Input: one dos:dossier (or dos:dossiers holding exactly one) of a European application.
  - Root attributes: id = EP + application number + kind (EP05255002A1), file = application number + .xml,
    country / doc-number / kind / date-publ from the publication, lang from the abstract when there is one,
    dtd-version ep-patent-document-v1-0. status is not held.
  - B100: the first EP publication: B110 number, B120/B121 wording from the kind (A1/A2 application,
    B1 specification, B2 new specification), B130 kind, B140 date (YYYYMMDD), B190 country.
  - B200: B210 application number with its check digit (05255002.7, computed from the normalised 8 digits),
    B220 filing date.
  - B300: one group per priority claim: B310 the number as originally written ('516238 P'), B320 date, B330 country.
  - B500: B510EP classification-ipcr per IPC symbol, in the fixed-width symbol layout ("H04N   1/40");
    B540 B541 language / B542 title pairs.
  - B700: applicants as B710/B711 for an application (kind A), as proprietors B730/B731 for a granted
    patent (kind B); inventors B720/B721; snm name, adr/ctry country.
  - abstract: one p per paragraph (paragraphs separated by a blank line in canonical).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl dos">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/ep.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"
              doctype-public="-//EPO//EP PATENT DOCUMENT 1.0//EN" doctype-system="ep-patent-document-v1-0.dtd"/>

  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@source" reason="the dialect a record came from; the converted record says ep-publication"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId" reason="ep-patent-document has no family identifier"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:publications/dos:publication[dos:country = 'EP'][position() &gt; 1] | /dos:dossiers/dos:dossier/dos:publications/dos:publication[dos:country != 'EP']" reason="an ep-patent-document describes one EP publication (the first EP one of the dossier); other publications are not written"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:priorityClaims/dos:priorityClaim/@active" reason="B300 has no active/inactive flag: every claim is written, and read back as active"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:classification[@scheme != 'IPC']" reason="B510EP holds IPC only; CPC and national classifications are not written"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:documents" reason="file-wrapper documents are not part of a publication"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="d" select="dl:single-dossier(., 'ep-publication')"/>
    <xsl:call-template name="dl:require-ep">
      <xsl:with-param name="d" select="$d"/>
      <xsl:with-param name="dialect" select="'ep-publication'"/>
    </xsl:call-template>
    <xsl:apply-templates select="$d"/>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:variable name="pub" select="dl:ep-publication(.)"/>
    <xsl:variable name="granted" select="starts-with($pub/dos:kind, 'B')"/>
    <ep-patent-document>
      <xsl:if test="$pub">
        <xsl:attribute name="id" select="concat('EP', $app/dos:number, $pub/dos:kind)"/>
      </xsl:if>
      <xsl:attribute name="file" select="concat($app/dos:number, '.xml')"/>
      <xsl:if test="dos:abstract[@lang]">
        <xsl:attribute name="lang" select="dos:abstract[@lang][1]/@lang"/>
      </xsl:if>
      <xsl:if test="$pub">
        <xsl:attribute name="country" select="$pub/dos:country"/>
        <xsl:attribute name="doc-number" select="$pub/dos:number"/>
        <xsl:if test="$pub/dos:kind"><xsl:attribute name="kind" select="$pub/dos:kind"/></xsl:if>
        <xsl:if test="$pub/dos:date"><xsl:attribute name="date-publ" select="dl:yyyymmdd($pub/dos:date)"/></xsl:if>
      </xsl:if>
      <xsl:attribute name="dtd-version" select="'ep-patent-document-v1-0'"/>
      <SDOBI>
        <xsl:if test="$pub">
          <B100>
            <B110><xsl:value-of select="$pub/dos:number"/></B110>
            <xsl:variable name="wording" select="dl:document-wording($pub/dos:kind)"/>
            <xsl:if test="exists($wording)"><B120><B121><xsl:value-of select="$wording"/></B121></B120></xsl:if>
            <xsl:if test="$pub/dos:kind"><B130><xsl:value-of select="$pub/dos:kind"/></B130></xsl:if>
            <xsl:if test="$pub/dos:date"><B140><date><xsl:value-of select="dl:yyyymmdd($pub/dos:date)"/></date></B140></xsl:if>
            <B190><xsl:value-of select="$pub/dos:country"/></B190>
          </B100>
        </xsl:if>
        <B200>
          <B210><xsl:value-of select="dl:ep-application-with-check-digit($app/dos:number)"/></B210>
          <xsl:if test="$app/dos:filingDate"><B220><date><xsl:value-of select="dl:yyyymmdd($app/dos:filingDate)"/></date></B220></xsl:if>
        </B200>
        <xsl:for-each select="dos:priorityClaims/dos:priorityClaim">
          <B300>
            <B310><xsl:value-of select="(dos:originalNumber, dos:number)[normalize-space()][1]"/></B310>
            <xsl:if test="dos:date"><B320><date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></date></B320></xsl:if>
            <B330><ctry><xsl:value-of select="dos:country"/></ctry></B330>
          </B300>
        </xsl:for-each>
        <xsl:variable name="ipc" select="dos:classification[@scheme = 'IPC']"/>
        <xsl:if test="$ipc or dos:title">
          <B500>
            <xsl:if test="$ipc">
              <B510EP>
                <xsl:for-each select="$ipc">
                  <classification-ipcr sequence="{position()}"><text><xsl:value-of select="dl:ipcr-fixed-width(.)"/></text></classification-ipcr>
                </xsl:for-each>
              </B510EP>
            </xsl:if>
            <xsl:if test="dos:title">
              <B540>
                <xsl:for-each select="dos:title">
                  <B541><xsl:value-of select="@lang"/></B541>
                  <B542><xsl:value-of select="."/></B542>
                </xsl:for-each>
              </B540>
            </xsl:if>
          </B500>
        </xsl:if>
        <xsl:if test="dos:applicant or dos:inventor">
          <B700>
            <xsl:if test="dos:applicant and not($granted)">
              <B710>
                <xsl:for-each select="dos:applicant">
                  <B711><xsl:call-template name="party"/></B711>
                </xsl:for-each>
              </B710>
            </xsl:if>
            <xsl:if test="dos:inventor">
              <B720>
                <xsl:for-each select="dos:inventor">
                  <B721><xsl:call-template name="party"/></B721>
                </xsl:for-each>
              </B720>
            </xsl:if>
            <xsl:if test="dos:applicant and $granted">
              <B730>
                <xsl:for-each select="dos:applicant">
                  <B731><xsl:call-template name="party"/></B731>
                </xsl:for-each>
              </B730>
            </xsl:if>
          </B700>
        </xsl:if>
      </SDOBI>
      <xsl:for-each select="dos:abstract">
        <abstract id="abst">
          <xsl:if test="@lang"><xsl:attribute name="lang" select="@lang"/></xsl:if>
          <xsl:for-each select="dl:tokenize(., '\n[ \t\n\r]*\n')[normalize-space()]">
            <p id="pa{format-integer(position(), '00')}" num="{format-integer(position(), '0000')}"><xsl:value-of select="normalize-space(.)"/></p>
          </xsl:for-each>
        </abstract>
      </xsl:for-each>
    </ep-patent-document>
  </xsl:template>

  <xsl:template name="party">
    <snm><xsl:value-of select="dos:name"/></snm>
    <xsl:if test="dos:country"><adr><ctry><xsl:value-of select="dos:country"/></ctry></adr></xsl:if>
  </xsl:template>

  <!-- B121: the document type wording of the kinds whose wording is known. -->
  <xsl:function name="dl:document-wording" as="xs:string?">
    <xsl:param name="kind" as="xs:string?"/>
    <xsl:sequence select="if ($kind = ('A1', 'A2')) then 'EUROPEAN PATENT APPLICATION'
                          else if ($kind = 'B1') then 'EUROPEAN PATENT SPECIFICATION'
                          else if ($kind = 'B2') then 'NEW EUROPEAN PATENT SPECIFICATION'
                          else ()"/>
  </xsl:function>

</xsl:stylesheet>
