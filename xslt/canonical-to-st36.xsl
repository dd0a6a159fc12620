<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical dossier to a generic WIPO ST.36 patent-document (ST.36 v2.3 element names).

  Dialect: see st36-to-canonical.xsl. Built against src/test/resources/dialect/st36/US08936998B2-st36.xml and
  WIPO's ST.36 v2.3 <-> ST.96 mapping tables (st96/mapping), whose order of bibliographic-data elements
  this output follows: publication-reference, classifications-ipcr, classification-national,
  application-reference, priority-claims, parties, invention-title, related-documents.
  Input: dos:dossiers holding exactly one dos:dossier, or one dos:dossier.

  Mapping
  - patent-document @lang: the first title's language, else the first abstract's; @country, @doc-number,
    @kind, @date-publ: the first publication.
  - publication-reference/document-id: the first publication; the others, in order, are
    related-documents/related-publication/document-id. Numbers as WIPO data writes them
    (wipo:publication-number: US grants 8 digits, US pre-grant publications year + 7 digits); dates YYYYMMDD.
  - application-reference/document-id: country, doc-number = the original number (else the DOCDB form),
    date = filing date (YYYYMMDD).
  - priority-claims/priority-claim: @sequence two digits (01), @kind decided from the number by dl:priority-kind
    (national, regional, international), country, doc-number (original, else DOCDB form), date YYYYMMDD.
  - parties/applicants/applicant and parties/inventors/inventor, @sequence three digits (001), with
    addressbook/name (canonical does not split names) and addressbook/address/country.
  - invention-title and abstract (one p) with @lang.
  - classifications-ipcr/classification-ipcr/text for IPC; one classification-national (country = application
    office) with main-classification and further-classification for national. ST.36 groups classifications
    by scheme, so canonical's order is kept within IPC and within national, with IPC first.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:wipo="urn:dossierlink:xslt:wipo"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl wipo dos">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/st96.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- What ST.36 cannot hold, as paths on the canonical document (prefix dos). -->
  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId" reason="a patent-document has no field for dossierlink's family id"/>
    <dl:item path="/dos:dossiers/dos:dossier/@source" reason="the dialect a record was imported from; the ST.36 document read back says st36"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:documents" reason="file-wrapper document list: a patent-document holds one publication, not a dossier's documents"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:classification[@scheme='CPC']" reason="ST.36 v2.3 has no CPC element"/>
    <dl:item path="//dos:priorityClaim[@active='false']/@active" reason="ST.36 has no inactive-priority indicator; the claim is written and reads back as active"/>
    <dl:item path="//dos:priorityClaim[@kind='international' and dos:country!='WO']/@kind | //dos:priorityClaim[@kind='regional' and not(dos:country='EP' or dos:country='EA' or dos:country='AP' or dos:country='OA' or dos:country='GC')]/@kind | //dos:priorityClaim[@kind='national' and (dos:country='WO' or dos:country='EP' or dos:country='EA' or dos:country='AP' or dos:country='OA' or dos:country='GC')]/@kind" reason="a kind that contradicts its own number (JP and CN data say international for ordinary foreign priorities): priority-claim/@kind and the canonical kind read back are decided from the number (dl:priority-kind)"/>
    <dl:item path="/dos:dossiers/dos:dossier/dos:application[not(dos:originalNumber) or dos:originalNumber = dos:docdb] | //dos:priorityClaim[not(dos:originalNumber) or dos:originalNumber = dos:docdb]" reason="a number canonical holds without its original text is written in its DOCDB form (the dialect has one number field), which reads back as the original text"/>
    <dl:item path="//dos:priorityClaim[not(dos:date)]" reason="an ST.36 priority-claim requires its date; a priority claim without a date is not written"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="dossiers" select="dos:dossiers/dos:dossier | dos:dossier"/>
    <!-- error(), not xsl:message: DialectConverter reports the error's text, not an xsl:message's -->
    <xsl:if test="count($dossiers) ne 1">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:one-dossier'),
          concat('an ST.36 patent-document holds exactly one dossier; the input holds ', count($dossiers)))"/>
    </xsl:if>
    <xsl:apply-templates select="$dossiers"/>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:variable name="lang" select="string((dos:title/@lang, dos:abstract/@lang)[normalize-space()][1])"/>
    <xsl:variable name="pubs" select="dos:publications/dos:publication"/>
    <patent-document>
      <xsl:if test="$lang"><xsl:attribute name="lang" select="$lang"/></xsl:if>
      <xsl:for-each select="$pubs[1]">
        <xsl:attribute name="country" select="dos:country"/>
        <xsl:attribute name="doc-number" select="wipo:publication-number(dos:country, dos:number, dos:kind)"/>
        <xsl:if test="dos:kind"><xsl:attribute name="kind" select="dos:kind"/></xsl:if>
        <xsl:if test="dos:date"><xsl:attribute name="date-publ" select="dl:yyyymmdd(dos:date)"/></xsl:if>
      </xsl:for-each>
      <bibliographic-data>
        <xsl:for-each select="$pubs[1]">
          <publication-reference><xsl:call-template name="publication-id"/></publication-reference>
        </xsl:for-each>
        <xsl:variable name="ipc" select="dos:classification[@scheme='IPC']"/>
        <xsl:if test="$ipc">
          <classifications-ipcr>
            <xsl:for-each select="$ipc">
              <classification-ipcr sequence="{position()}"><text><xsl:value-of select="."/></text></classification-ipcr>
            </xsl:for-each>
          </classifications-ipcr>
        </xsl:if>
        <xsl:variable name="national" select="dos:classification[@scheme='national']"/>
        <xsl:if test="$national">
          <classification-national>
            <country><xsl:value-of select="$app/dos:office"/></country>
            <main-classification><xsl:value-of select="$national[1]"/></main-classification>
            <xsl:for-each select="$national[position() gt 1]">
              <further-classification><xsl:value-of select="."/></further-classification>
            </xsl:for-each>
          </classification-national>
        </xsl:if>
        <application-reference>
          <document-id>
            <country><xsl:value-of select="$app/dos:office"/></country>
            <doc-number><xsl:value-of select="($app/dos:originalNumber[normalize-space()], $app/dos:docdb)[1]"/></doc-number>
            <xsl:if test="$app/dos:filingDate"><date><xsl:value-of select="dl:yyyymmdd($app/dos:filingDate)"/></date></xsl:if>
          </document-id>
        </application-reference>
        <xsl:variable name="claims" select="dos:priorityClaims/dos:priorityClaim[dos:date]"/>
        <xsl:if test="$claims">
          <priority-claims>
            <xsl:for-each select="$claims">
              <xsl:variable name="text" select="string((dos:originalNumber[normalize-space()], dos:docdb)[1])"/>
              <priority-claim sequence="{dl:zero-pad(xs:integer(@sequence), 2)}"
                              kind="{dl:priority-kind(string(dos:country), $text)}">
                <country><xsl:value-of select="dos:country"/></country>
                <doc-number><xsl:value-of select="$text"/></doc-number>
                <date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></date>
              </priority-claim>
            </xsl:for-each>
          </priority-claims>
        </xsl:if>
        <xsl:if test="dos:applicant | dos:inventor">
          <parties>
            <xsl:if test="dos:applicant">
              <applicants>
                <xsl:for-each select="dos:applicant">
                  <applicant><xsl:call-template name="party"/></applicant>
                </xsl:for-each>
              </applicants>
            </xsl:if>
            <xsl:if test="dos:inventor">
              <inventors>
                <xsl:for-each select="dos:inventor">
                  <inventor><xsl:call-template name="party"/></inventor>
                </xsl:for-each>
              </inventors>
            </xsl:if>
          </parties>
        </xsl:if>
        <xsl:for-each select="dos:title">
          <invention-title>
            <xsl:if test="normalize-space(@lang)"><xsl:attribute name="lang" select="@lang"/></xsl:if>
            <xsl:value-of select="."/>
          </invention-title>
        </xsl:for-each>
        <xsl:if test="count($pubs) gt 1">
          <related-documents>
            <xsl:for-each select="$pubs[position() gt 1]">
              <related-publication><xsl:call-template name="publication-id"/></related-publication>
            </xsl:for-each>
          </related-documents>
        </xsl:if>
      </bibliographic-data>
      <xsl:for-each select="dos:abstract">
        <abstract>
          <xsl:if test="normalize-space(@lang)"><xsl:attribute name="lang" select="@lang"/></xsl:if>
          <p><xsl:value-of select="."/></p>
        </abstract>
      </xsl:for-each>
    </patent-document>
  </xsl:template>

  <xsl:template name="publication-id">
    <document-id>
      <country><xsl:value-of select="dos:country"/></country>
      <doc-number><xsl:value-of select="wipo:publication-number(dos:country, dos:number, dos:kind)"/></doc-number>
      <xsl:if test="dos:kind"><kind><xsl:value-of select="dos:kind"/></kind></xsl:if>
      <xsl:if test="dos:date"><date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></date></xsl:if>
    </document-id>
  </xsl:template>

  <xsl:template name="party">
    <xsl:if test="@sequence">
      <xsl:attribute name="sequence" select="dl:zero-pad(xs:integer(@sequence), 3)"/>
    </xsl:if>
    <addressbook>
      <name><xsl:value-of select="dos:name"/></name>
      <xsl:if test="dos:country"><address><country><xsl:value-of select="dos:country"/></country></address></xsl:if>
    </addressbook>
  </xsl:template>

</xsl:stylesheet>
