package org.dossierlink.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.time.LocalDate;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;

import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyMember;
import org.dossierlink.family.FamilyType;
import org.dossierlink.dossier.ApplicationRef;
import org.dossierlink.dossier.Classification;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.PriorityClaim;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.dossierlink.testsupport.TestDossiers;
import org.dossierlink.wire.dossier.DossierType;
import org.dossierlink.wire.dossier.ObjectFactory;
import org.dossierlink.wire.dossier.PriorityClaimType;
import org.dossierlink.wire.messages.FamilyMemberType;
import org.dossierlink.wire.messages.FamilyTypeType;
import org.dossierlink.wire.messages.GetFamilyResponse;
import org.dossierlink.wire.messages.GetServiceInfoResponse;
import org.dossierlink.wire.messages.NumberTypeType;
import org.junit.jupiter.api.Test;

class WireMapperTest {

    private static final List<org.dossierlink.dossier.DocumentInfo> DOCS =
            List.of(TestDossiers.SEARCH_REPORT, TestDossiers.OFFICE_ACTION);

    @Test
    void dossier_round_trips_through_the_wire_types() {
        DossierType wire = WireMapper.toWire(TestDossiers.EP, DOCS);
        assertThat(WireMapper.fromWire(wire)).isEqualTo(TestDossiers.EP);
        assertThat(WireMapper.documentsFromWire(wire)).isEqualTo(DOCS);
    }

    @Test
    void a_sparse_dossier_round_trips_and_omits_empty_wrappers() {
        DossierType wire = WireMapper.toWire(TestDossiers.JP, List.of());
        assertThat(wire.getPublications()).isNull();
        assertThat(wire.getPriorityClaims()).isNull();
        assertThat(wire.getDocuments()).isNull();
        assertThat(WireMapper.fromWire(wire)).isEqualTo(TestDossiers.JP);
        assertThat(WireMapper.documentsFromWire(wire)).isEmpty();
    }

    @Test
    void mapped_dossier_is_valid_against_the_canonical_schema() throws Exception {
        JAXBContext context = JAXBContext.newInstance(DossierType.class);
        Marshaller marshaller = context.createMarshaller();
        StringWriter out = new StringWriter();
        marshaller.marshal(new ObjectFactory().createDossier(WireMapper.toWire(TestDossiers.EP, DOCS)), out);

        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        URL xsd = WireMapperTest.class.getResource("/xsd/dossier.xsd");
        Schema schema = factory.newSchema(xsd);
        schema.newValidator().validate(new StreamSource(new StringReader(out.toString())));
        assertThat(out.toString()).contains("EP.10167109.A").contains("filingDate>2011-06-01<");
    }

    @Test
    void dates_are_xsd_dates_without_time_zone() {
        assertThat(WireMapper.toWire(LocalDate.of(2010, 6, 1)).toXMLFormat()).isEqualTo("2010-06-01");
        assertThat(WireMapper.toWire((LocalDate) null)).isNull();
        assertThat(WireMapper.fromWire(WireMapper.toWire(LocalDate.of(1999, 12, 31)))).isEqualTo(LocalDate.of(1999, 12, 31));
    }

    @Test
    void absent_enums_take_the_schema_defaults_and_all_values_map() {
        assertThat(WireMapper.fromWire((NumberTypeType) null)).isEqualTo(NumberType.APPLICATION);
        assertThat(WireMapper.fromWire((FamilyTypeType) null)).isEqualTo(FamilyType.SIMPLE);
        for (NumberType t : NumberType.values()) {
            assertThat(WireMapper.fromWire(WireMapper.toWire(t))).isEqualTo(t);
            assertThat(WireMapper.toWire(t).value()).isEqualTo(t.wireName());
        }
        for (FamilyType k : FamilyType.values()) {
            assertThat(WireMapper.fromWire(WireMapper.toWire(k))).isEqualTo(k);
        }
    }

    @Test
    void normalized_number_keeps_absent_kind_and_st13_absent() {
        NormalizedNumber n = new NormalizedNumber("US", "61234567", null, NumberType.PRIORITY, "61/234,567", null);
        var wire = WireMapper.toWire(n);
        assertThat(wire.getDocdb()).isEqualTo("US.61234567");
        assertThat(wire.getKind()).isNull();
        assertThat(wire.getSt13()).isNull();
        assertThat(wire.getNumberType()).isEqualTo(NumberTypeType.PRIORITY);
        assertThat(WireMapper.fromWire(wire)).isEqualTo(n);
    }

    @Test
    void inactive_priority_without_kind() {
        PriorityClaim claim = new PriorityClaim(2, "WO", "2016015853", "PCT/US2016/015853", null, null, false);
        PriorityClaimType wire = WireMapper.toWire(claim);
        assertThat(wire.isActive()).isFalse();
        assertThat(wire.getKind()).isNull();
        assertThat(wire.getSequence()).hasToString("2");
        assertThat(wire.getDocdb()).isEqualTo("WO.2016015853");
        assertThat(WireMapper.fromWire(wire)).isEqualTo(claim);
    }

    @Test
    void national_classification_scheme_is_lower_case_on_the_wire() {
        Classification c = new Classification(Classification.Scheme.NATIONAL, "H04W 84/18 A");
        assertThat(WireMapper.toWire(c).getScheme()).isEqualTo("national");
        assertThat(WireMapper.fromWire(WireMapper.toWire(c))).isEqualTo(c);
        assertThat(WireMapper.toWire(new Classification(Classification.Scheme.CPC, "x")).getScheme()).isEqualTo("CPC");
    }

    @Test
    void family_answer_counts_members_and_says_queried_on_each() {
        NormalizedNumber query = new NormalizedNumber("EP", "10167109", null, NumberType.APPLICATION, "EP 10167109", null);
        Family family = new Family(FamilyType.SIMPLE, "EP10167109", List.of(
                new FamilyMember(TestDossiers.EP, List.of("JP.2010123456"), true),
                new FamilyMember(TestDossiers.US, List.of("JP.2010123456"), false)));
        GetFamilyResponse wire = WireMapper.toWire(new DossierService.FamilyAnswer(query, family, java.util.Map.of()));
        assertThat(wire.getMemberCount()).hasToString("2");
        assertThat(wire.getFamilyType()).isEqualTo(FamilyTypeType.SIMPLE);
        assertThat(wire.getQuery().getOriginal()).isEqualTo("EP 10167109");
        FamilyMemberType ep = wire.getMember().get(0);
        assertThat(ep.isQueried()).isTrue();
        assertThat(ep.getPublication()).extracting(p -> p.getDocdb()).containsExactly("EP.2400812.A1");
        assertThat(ep.getPriorityClaim()).extracting(c -> c.getDocdb()).containsExactly("JP.2010123456");
        assertThat(ep.getLinkedBy()).containsExactly("JP.2010123456");
        FamilyMemberType us = wire.getMember().get(1);
        assertThat(us.isQueried()).isFalse();
        assertThat(us).extracting("queried").isEqualTo(Boolean.FALSE);
    }

    @Test
    void service_info() {
        ServiceInfo info = ServiceInfo.forOffices(List.of("EP", "JP"));
        GetServiceInfoResponse wire = WireMapper.toWire(info);
        assertThat(wire.getProduct()).isEqualTo("dossierlink");
        assertThat(wire.getVersion()).isEqualTo(org.dossierlink.ProductInfo.version());
        assertThat(wire.getOffice()).containsExactly("EP", "JP");
        assertThat(wire.getOperation()).hasSize(11).contains("GetFamily", "GetServiceInfo", "GetSigningCertificates",
                "SubmitPackage", "GetPackageReceipt", "ExportChanges");
        assertThat(wire.getDialect()).containsExactly("canonical", "st36", "st96", "ep-publication", "ep-toc", "docdb",
                "ep-register", "uspto", "jpo", "cnipa-old", "cnipa-new");
    }

    @Test
    void application_reference_without_optional_parts() {
        ApplicationRef ref = new ApplicationRef("KR", "1020160063019", null, null, null);
        var wire = WireMapper.toWire(ref);
        assertThat(wire.getDocdb()).isEqualTo("KR.1020160063019");
        assertThat(wire.getFilingDate()).isNull();
        assertThat(WireMapper.fromWire(wire)).isEqualTo(ref);
        Dossier bare = new Dossier(ref, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        assertThat(WireMapper.fromWire(WireMapper.toWire(bare, List.of()))).isEqualTo(bare);
    }
}
