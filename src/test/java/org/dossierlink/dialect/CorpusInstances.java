package org.dossierlink.dialect;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/** Every real dossier instance of the corpus and its dialect: the fixture of the cross-dialect tests. */
final class CorpusInstances {

    record Instance(String file, Dialect dialect) {
    }

    static final List<Instance> ALL = List.of(
            new Instance("cnipa/CN103492414A_cn_old.xml", Dialect.CNIPA_OLD),
            new Instance("cnipa/cn_new1.xml", Dialect.CNIPA_NEW),
            new Instance("epo-ops/responses/biblio_EP2400812A1.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/biblio_CN104968889A.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/biblio_US10047600B2.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/biblio_WO2018148832A1.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/biblio_application_US2016015853W.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/family_EP2400812A1.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/family_biblio_EP2400812A1.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/family_legal_EP2400812A1.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/legal_CA2300029C.xml", Dialect.DOCDB),
            new Instance("epo-ops/responses/register_biblio_EP2400812.xml", Dialect.EP_REGISTER),
            new Instance("epo-ops/responses/register_biblio_EP3221665A1.xml", Dialect.EP_REGISTER),
            new Instance("epo-ops/responses/register_events_EP2400812.xml", Dialect.EP_REGISTER),
            new Instance("epo-ops/responses/register_procedural_steps_EP2400812.xml", Dialect.EP_REGISTER),
            new Instance("epo-ops/responses/register_procedural_steps_EP3221665A1.xml", Dialect.EP_REGISTER),
            new Instance("epo-ops/responses/register_search.xml", Dialect.EP_REGISTER),
            new Instance("epo-ops/responses/register_unip_EP2400812.xml", Dialect.EP_REGISTER),
            new Instance("jpo/jp-gazette-st36/JP2021044377A.xml", Dialect.JPO),
            new Instance("jpo/jp-gazette-st36/jp_example2.xml", Dialect.JPO),
            new Instance("jpo/jp-gazette-st36/jp_example4.xml", Dialect.JPO),
            new Instance("st36/ep-publication/EP1599469B1_DOC00001.xml", Dialect.EP_PUBLICATION),
            new Instance("st36/ep-publication/EP1667425A1_DOC00001.xml", Dialect.EP_PUBLICATION),
            new Instance("st36/ep-publication/EP1599469B1_toc.xml", Dialect.EP_TOC),
            new Instance("st36/ep-publication/EP1667425A1_toc.xml", Dialect.EP_TOC),
            new Instance("st96/examples/PatentPublication_Example.xml", Dialect.ST96),
            new Instance("uspto/redbook-samples/US08926509.xml", Dialect.USPTO),
            new Instance("uspto/redbook-samples/US08930553.xml", Dialect.USPTO),
            new Instance("uspto/redbook-samples/US20050004437A1.xml", Dialect.USPTO),
            new Instance("uspto/redbook-samples/US20210049351A1.xml", Dialect.USPTO));

    static Stream<Arguments> arguments() {
        return ALL.stream().map(i -> Arguments.of(i.file(), i.dialect()));
    }

    private CorpusInstances() {
    }
}
