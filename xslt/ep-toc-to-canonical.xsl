<?xml version="1.0" encoding="UTF-8"?>
<!--
  ep-toc → canonical.

  Dialect: the table of contents of an EPO publication package, root Application-body with an internal
  DTD subset (dtd="v0.01"). Built against ../shared/corpus/st36/ep-publication/EP1667425A1_toc.xml and
  EP1599469B1_toc.xml.

  One Application-body is one dossier; it says little:
  - Application: appnum (EP application number without check digit, 05255002) through dl:normalize-number,
    office EP. No filing date.
  - Publication: country, id (publication number), kind, pubdate (YYYY/MM/DD → xs:date).
  - Classifications: ipc (or mainipc, as the DTD names it): space-separated compact IPC symbols
    "H04N000140" = subclass H04N, main group 0001, subgroup 40 → "H04N 1/40".
  - No priority claims, titles, parties or abstract.
  The Document children list the package's files (XML, PDF, TIFF pages); canonical documents need a
  size, a SHA-256 and a date the table of contents does not have, so they are not held.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dl="urn:dossierlink:xslt"
    xmlns:dos="urn:dossierlink:dossier:1"
    exclude-result-prefixes="xs dl">

  <xsl:include href="lib/common.xsl"/>
  <xsl:include href="lib/ep.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <dl:cannot-hold>
    <dl:item path="/Application-body/@lang" reason="package language flag (FR in both corpus files, whatever the document language); not held"/>
    <dl:item path="/Application-body/@status" reason="package status; not part of a dossier"/>
    <dl:item path="/Application-body/@dtd" reason="version of the table-of-contents DTD; not held, output says v0.01"/>
    <dl:item path="/Application-body/Document" reason="the package's files (ExtRef FileName, StartPage, Pages, Package); canonical documents need size, SHA-256, date and group, which the table of contents lacks"/>
  </dl:cannot-hold>

  <xsl:template match="/">
    <dos:dossiers>
      <xsl:apply-templates select="*"/>
    </dos:dossiers>
  </xsl:template>

  <xsl:template match="/*" priority="-1">
    <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:not-ep-toc'), concat('not an EP package table of contents: root element is ', name(), ', expected Application-body'))"/>
  </xsl:template>

  <xsl:template match="/Application-body">
    <xsl:if test="normalize-space(@appnum) = ''">
      <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:no-application'), concat('Application-body ', @country, @id, @kind, ' has no application number (appnum); a dossier needs one'))"/>
    </xsl:if>
    <dos:dossier source="ep-toc">
      <xsl:sequence select="dl:application((@country[normalize-space()], 'EP')[1], @appnum, (), ())"/>
      <xsl:if test="normalize-space(@id) != ''">
        <dos:publications>
          <xsl:sequence select="dl:publication((@country[normalize-space()], 'EP')[1], @id, @kind, @pubdate)"/>
        </dos:publications>
      </xsl:if>
      <xsl:for-each select="tokenize(normalize-space(string-join((@mainipc, @ipc), ' ')), ' ')">
        <!-- subclass [A-H][0-9]{2}[A-Z], main group 4 digits, subgroup 2 to 6 digits: checked with substring and
             translate, not a regex match returning the three parts (which cost a tenth of the record's conversion) -->
        <xsl:if test="not(string-length(.) = (10 to 14) and substring(., 1, 1) = ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H')
                          and translate(substring(., 2, 2), '0123456789', '') = ''
                          and translate(substring(., 4, 1), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '') = ''
                          and translate(substring(., 5), '0123456789', '') = '')">
          <xsl:sequence select="error(QName('urn:dossierlink:xslt', 'dl:ipc'), concat('ipc symbol ''', ., ''' is not in the compact form subclass + 4-digit main group + subgroup (H04N000140)'))"/>
        </xsl:if>
        <dos:classification scheme="IPC"><xsl:value-of select="concat(substring(., 1, 4), ' ', xs:integer(substring(., 5, 4)), '/', substring(., 9))"/></dos:classification>
      </xsl:for-each>
    </dos:dossier>
  </xsl:template>

</xsl:stylesheet>
