<?xml version="1.0" encoding="UTF-8"?>
<!--
  canonical → ep-register.

  Dialect: the EP Register as OPS serves it (ops = http://ops.epo.org, reg = http://www.epo.org/register),
  rebuilt as in ../shared/corpus/epo-ops/responses/register_biblio_*.xml and register_search.xml:
  ops:world-patent-data/ops:register-search/reg:register-documents with one reg:register-document per
  dossier (a dos:dossiers of several gives several), each with the bibliographic data canonical holds, in
  the register's element order: publication-reference*, classifications-ipcr, application-reference,
  priority-claims, parties (applicants, inventors), invention-title*.
  - Numbers: application doc-number is the normalised 8-digit EP number; publication doc-number and kind;
    priority-claim doc-number as originally written (201462081944P), kind from canonical (decided from
    the number), sequence as in canonical. Dates YYYYMMDD.
  - Classifications: one classification-ipcr per IPC symbol, text in the register's compact form (H04W84/20).
  - Parties: applicant app-type="applicant" designation="all" (canonical does not hold them; the register
    schema requires them), sequence 1, 2...; inventor sequence 01, 02...; addressbook name and
    address/country; empty nationality and residence, as the register writes them.
  Only the current version of each field is written: canonical keeps no change history.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:ops="http://ops.epo.org"
    xmlns:reg="http://www.epo.org/register"
    exclude-result-prefixes="xs dl dos">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/ep.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@source" reason="the dialect a record came from; the converted record says ep-register"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId" reason="the register has no family identifier"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:application/dos:originalNumber" reason="the register writes the 8-digit application number; an original form with check digit (05255002.7) is not kept"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:priorityClaims/dos:priorityClaim/@active" reason="the register has no active/inactive flag on priority claims; they are read back as active"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:classification[@scheme != 'IPC']" reason="classifications-ipcr holds IPC only"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:abstract" reason="the register has no abstract"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:documents" reason="register answers carry no file-wrapper document list"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="all" select="(dos:dossier | dos:dossiers/dos:dossier)"/>
    <xsl:if test="empty(dos:dossier | dos:dossiers)">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-canonical'), concat('not a canonical dossier: root element is ', name(*)))"/>
    </xsl:if>
    <xsl:for-each select="$all">
      <xsl:call-template name="dl:require-ep">
        <xsl:with-param name="d" select="."/>
        <xsl:with-param name="dialect" select="'ep-register'"/>
      </xsl:call-template>
    </xsl:for-each>
    <ops:world-patent-data>
      <ops:register-search>
        <reg:register-documents>
          <xsl:apply-templates select="$all"/>
        </reg:register-documents>
      </ops:register-search>
    </ops:world-patent-data>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <reg:register-document>
      <reg:bibliographic-data>
        <xsl:for-each select="dos:publications/dos:publication">
          <reg:publication-reference>
            <reg:document-id>
              <reg:country><xsl:value-of select="dos:country"/></reg:country>
              <reg:doc-number><xsl:value-of select="dos:number"/></reg:doc-number>
              <xsl:if test="dos:kind"><reg:kind><xsl:value-of select="dos:kind"/></reg:kind></xsl:if>
              <xsl:if test="dos:date"><reg:date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></reg:date></xsl:if>
            </reg:document-id>
          </reg:publication-reference>
        </xsl:for-each>
        <xsl:variable name="ipc" select="dos:classification[@scheme = 'IPC']"/>
        <xsl:if test="$ipc">
          <reg:classifications-ipcr>
            <reg:classification-ipcr>
              <reg:text><xsl:value-of select="string-join($ipc ! replace(., '\s+', ''), ', ')"/></reg:text>
            </reg:classification-ipcr>
          </reg:classifications-ipcr>
        </xsl:if>
        <reg:application-reference>
          <reg:document-id>
            <reg:country><xsl:value-of select="dos:application/dos:office"/></reg:country>
            <reg:doc-number><xsl:value-of select="dos:application/dos:number"/></reg:doc-number>
            <xsl:if test="dos:application/dos:filingDate"><reg:date><xsl:value-of select="dl:yyyymmdd(dos:application/dos:filingDate)"/></reg:date></xsl:if>
          </reg:document-id>
        </reg:application-reference>
        <xsl:if test="dos:priorityClaims/dos:priorityClaim">
          <reg:priority-claims>
            <xsl:for-each select="dos:priorityClaims/dos:priorityClaim">
              <reg:priority-claim kind="{(@kind, dl:priority-kind(dos:country, dos:number))[1]}" sequence="{@sequence}">
                <reg:country><xsl:value-of select="dos:country"/></reg:country>
                <reg:doc-number><xsl:value-of select="(dos:originalNumber, dos:number)[normalize-space()][1]"/></reg:doc-number>
                <xsl:if test="dos:date"><reg:date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></reg:date></xsl:if>
              </reg:priority-claim>
            </xsl:for-each>
          </reg:priority-claims>
        </xsl:if>
        <xsl:if test="dos:applicant or dos:inventor">
          <reg:parties>
            <xsl:if test="dos:applicant">
              <reg:applicants>
                <xsl:for-each select="dos:applicant">
                  <reg:applicant app-type="applicant" designation="all" sequence="{(@sequence, position())[1]}">
                    <xsl:call-template name="addressbook"/>
                    <reg:nationality><reg:country/></reg:nationality>
                    <reg:residence><reg:country/></reg:residence>
                  </reg:applicant>
                </xsl:for-each>
              </reg:applicants>
            </xsl:if>
            <xsl:if test="dos:inventor">
              <reg:inventors>
                <xsl:for-each select="dos:inventor">
                  <reg:inventor sequence="{format-integer(xs:integer((@sequence, position())[1]), '00')}">
                    <xsl:call-template name="addressbook"/>
                  </reg:inventor>
                </xsl:for-each>
              </reg:inventors>
            </xsl:if>
          </reg:parties>
        </xsl:if>
        <xsl:for-each select="dos:title">
          <reg:invention-title>
            <xsl:if test="@lang"><xsl:attribute name="lang" select="@lang"/></xsl:if>
            <xsl:value-of select="."/>
          </reg:invention-title>
        </xsl:for-each>
      </reg:bibliographic-data>
    </reg:register-document>
  </xsl:template>

  <xsl:template name="addressbook">
    <reg:addressbook>
      <reg:name><xsl:value-of select="dos:name"/></reg:name>
      <reg:address><reg:country><xsl:value-of select="dos:country"/></reg:country></reg:address>
    </reg:addressbook>
  </xsl:template>

</xsl:stylesheet>
