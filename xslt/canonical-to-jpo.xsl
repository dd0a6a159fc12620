<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical dossier to a JPO official gazette (jp-official-gazette, ST.36 with the jp: namespace
  http://www.jpo.go.jp). A gazette holds one dossier: the input is one dos:dossier, or a dos:dossiers
  holding exactly one.

  Built against the canonical output of ../shared/corpus/jpo/jp-gazette-st36/JP2021044377A.xml,
  jp_example2.xml and jp_example4.xml, and the jpo records of src/main/resources/demo/corpus-dossiers.xml.
  The bibliographic part is rebuilt in the gazette's element order (jp-a-com.dtd): publication-reference,
  application-reference, invention-title, parties, priority-claims, classification-ipc,
  classification-national; then the abstract.

  Numbers and dates: doc-numbers are the canonical originalNumber (the number as JPO wrote it), else the
  normalised number; application-reference has no country (the gazette's @country says JP). Dates
  xs:date to YYYYMMDD with dl:yyyymmdd.

  Kinds rebuilt by JPO's rules (documented as losses of jpo-to-canonical.xsl):
  - kind-of-jp: T when the publication serial (last six digits) is 500000 or more (特表, the published
    translation of a PCT application), else the ST.16 kind (A, U); kind-of-st16 is the canonical
    publication kind (A when there is none). The publication's Japanese kind text follows kind-of-jp.
  - priority-claim/@jp:kind: canonical's kind is decided from the number; JPO's category is
    pct for a PCT application (canonical kind international), patent (utility for a kind U number) for a
    JP application, international for every other office.
  A PCT parent of a national phase entry is never a canonical priority claim, so no
  pct-or-regional-filing-data is written (see jpo-to-canonical.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    xmlns:jp="http://www.jpo.go.jp"
    exclude-result-prefixes="xs dl dos">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/jpo-cnipa.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/dos:dossiers/dos:dossier/@source"
             reason="the dialect a record came from: a gazette does not say; jpo-to-canonical writes jpo"/>
    <dl:item path="/dos:dossiers/dos:dossier/@familyId"
             reason="family id: no gazette element"/>
    <dl:item path="//dos:dossier/dos:applicant/dos:country | //dos:dossier/dos:inventor/dos:country"
             reason="a party's country: the gazette's address is free text (or a structured address that needs a postcode), so the country is not written"/>
    <dl:item path="//dos:dossier/dos:publications/dos:publication[position() &gt; 1]"
             reason="a gazette is one publication: it holds the first JP publication of the dossier only"/>
    <dl:item path="//dos:dossier/dos:title[position() &gt; 1]"
             reason="a gazette has one invention-title"/>
    <dl:item path="//dos:dossier/dos:abstract[position() &gt; 1]"
             reason="a gazette has one abstract"/>
    <dl:item path="//dos:dossier/dos:documents"
             reason="file-wrapper documents: a gazette lists none"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <xsl:variable name="d" select="dos:dossiers/dos:dossier | dos:dossier"/>
    <xsl:choose>
      <xsl:when test="not(dos:dossiers or dos:dossier)">
        <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-canonical'), 'not a canonical dossier: the root element is ' || (name(*)) || ', expected dos:dossiers or dos:dossier')"/>
      </xsl:when>
      <xsl:when test="count($d) != 1">
        <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:one-dossier'), 'a JPO gazette holds exactly one dossier; the input holds ' || (count($d)))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$d"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="dos:dossier">
    <xsl:variable name="app" select="dos:application"/>
    <xsl:if test="$app/dos:office != 'JP'">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-jp'), 'a JPO gazette holds a JP application; this dossier''s application is ' || ($app/dos:docdb))"/>
    </xsl:if>
    <xsl:variable name="pub" select="dos:publications/dos:publication[dos:country = 'JP'][1]"/>
    <xsl:variable name="lang" select="(dos:title/@lang, dos:abstract/@lang, 'ja')[1]"/>
    <xsl:variable name="st16" select="($pub/dos:kind[normalize-space()], 'A')[1]"/>
    <xsl:variable name="serial" select="replace(string($pub/dos:number), '^.*?([0-9]{1,6})$', '$1')"/>
    <xsl:variable name="kind-of-jp" select="if ($serial castable as xs:integer and string-length($serial) = 6
                                                and xs:integer($serial) ge 500000 and $st16 = 'A') then 'T' else $st16"/>
    <jp-official-gazette kind-of-jp="{$kind-of-jp}" kind-of-st16="{$st16}" lang="{$lang}" dtd-version="1.0" country="JP">
      <bibliographic-data lang="{$lang}" country="JP">
        <xsl:if test="$pub">
          <publication-reference>
            <document-id>
              <country>JP</country>
              <doc-number><xsl:value-of select="$pub/dos:number"/></doc-number>
              <kind><xsl:value-of select="dl:jp-kind-text($kind-of-jp)"/></kind>
              <xsl:if test="$pub/dos:date"><date><xsl:value-of select="dl:yyyymmdd($pub/dos:date)"/></date></xsl:if>
            </document-id>
          </publication-reference>
        </xsl:if>
        <application-reference>
          <document-id>
            <doc-number><xsl:value-of select="($app/dos:originalNumber[normalize-space()], $app/dos:number)[1]"/></doc-number>
            <xsl:if test="$app/dos:filingDate"><date><xsl:value-of select="dl:yyyymmdd($app/dos:filingDate)"/></date></xsl:if>
          </document-id>
        </application-reference>
        <invention-title><xsl:value-of select="dos:title[1]"/></invention-title>
        <parties>
          <xsl:if test="dos:applicant">
            <jp:applicants-agents-article>
              <jp:applicants-agents sequence="1">
                <xsl:for-each select="dos:applicant">
                  <applicant sequence="{(@sequence, position())[1]}">
                    <addressbook lang="{$lang}">
                      <name><xsl:value-of select="dos:name"/></name>
                    </addressbook>
                  </applicant>
                </xsl:for-each>
              </jp:applicants-agents>
            </jp:applicants-agents-article>
          </xsl:if>
          <xsl:if test="dos:inventor">
            <inventors>
              <xsl:for-each select="dos:inventor">
                <inventor sequence="{(@sequence, position())[1]}">
                  <addressbook>
                    <name><xsl:value-of select="dos:name"/></name>
                  </addressbook>
                </inventor>
              </xsl:for-each>
            </inventors>
          </xsl:if>
        </parties>
        <xsl:if test="dos:priorityClaims/dos:priorityClaim">
          <priority-claims>
            <xsl:for-each select="dos:priorityClaims/dos:priorityClaim">
              <priority-claim sequence="{@sequence}" jp:kind="{dl:jp-priority-kind(.)}">
                <country><xsl:value-of select="dos:country"/></country>
                <doc-number><xsl:value-of select="(dos:originalNumber[normalize-space()], dos:number)[1]"/></doc-number>
                <xsl:if test="dos:date"><date><xsl:value-of select="dl:yyyymmdd(dos:date)"/></date></xsl:if>
              </priority-claim>
            </xsl:for-each>
          </priority-claims>
        </xsl:if>
        <xsl:variable name="ipc" select="dos:classification[@scheme = 'IPC']"/>
        <classification-ipc>
          <edition/>
          <xsl:for-each select="$ipc">
            <xsl:element name="{if (position() = 1) then 'main-clsf' else 'further-clsf'}">
              <xsl:value-of select="dl:ipc-columns(.)"/>
            </xsl:element>
          </xsl:for-each>
        </classification-ipc>
        <xsl:variable name="fi" select="dos:classification[@scheme = 'national']"/>
        <xsl:if test="$fi">
          <classification-national>
            <country>JP</country>
            <xsl:for-each select="$fi">
              <xsl:element name="{if (position() = 1) then 'main-clsf' else 'further-clsf'}">
                <xsl:value-of select="."/>
              </xsl:element>
            </xsl:for-each>
          </classification-national>
        </xsl:if>
      </bibliographic-data>
      <xsl:for-each select="dos:abstract[1]">
        <abstract>
          <xsl:for-each select="dl:tokenize(string(.), '\n[ \t\r]*\n')">
            <p num="">
              <xsl:for-each select="dl:tokenize(., '\n')">
                <xsl:if test="position() gt 1"><br/></xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </p>
          </xsl:for-each>
        </abstract>
      </xsl:for-each>
    </jp-official-gazette>
  </xsl:template>

  <!-- The gazette's kind text of a kind-of-jp. -->
  <xsl:function name="dl:jp-kind-text" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="texts" select="map{'A': '公開特許公報(A)', 'T': '公表特許公報(A)', 'S': '再公表特許(A1)',
                                           'U': '公開実用新案公報(U)', 'B': '特許公報(B)'}"/>
    <xsl:sequence select="($texts($kind), concat('(', $kind, ')'))[1]"/>
  </xsl:function>

  <!-- JPO's priority category from a canonical claim: pct for a PCT application, patent or utility for a
       JP application, international for any other office. -->
  <xsl:function name="dl:jp-priority-kind" as="xs:string">
    <xsl:param name="claim" as="element(dos:priorityClaim)"/>
    <xsl:sequence select="if ($claim/@kind = 'international' or $claim/dos:country = 'WO') then 'pct'
                          else if ($claim/dos:country = 'JP')
                          then (if (ends-with($claim/dos:docdb, '.U')) then 'utility' else 'patent')
                          else 'international'"/>
  </xsl:function>

</xsl:stylesheet>
