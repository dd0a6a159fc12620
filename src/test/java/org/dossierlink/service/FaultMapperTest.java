package org.dossierlink.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.dossierlink.DossierlinkException;
import org.dossierlink.DossierlinkException.ErrorCode;
import org.dossierlink.InvalidRequestException;
import org.dossierlink.NotFoundException;
import org.dossierlink.number.MalformedNumberException;
import org.dossierlink.number.UnknownOfficeException;
import org.dossierlink.wire.InvalidRequestFault;
import org.dossierlink.wire.MalformedNumberFault;
import org.dossierlink.wire.NotFoundFault;
import org.dossierlink.wire.UnknownOfficeFault;
import org.dossierlink.wire.messages.FaultDetailType;
import org.junit.jupiter.api.Test;

class FaultMapperTest {

    @Test
    void each_code_gets_its_declared_fault_with_code_message_and_field() {
        assertFault(new UnknownOfficeException("office 'XX' is unknown"), UnknownOfficeFault.class,
                "UNKNOWN_OFFICE", "office 'XX' is unknown", "office");
        assertFault(new MalformedNumberException("'abc' is no EP number", "number"), MalformedNumberFault.class,
                "MALFORMED_NUMBER", "'abc' is no EP number", "number");
        assertFault(new NotFoundException("no document 'x'", "documentId"), NotFoundFault.class,
                "NOT_FOUND", "no document 'x'", "documentId");
        assertFault(new InvalidRequestException("office is required", "office"), InvalidRequestFault.class,
                "INVALID_REQUEST", "office is required", "office");
    }

    @Test
    void a_malformed_number_names_the_request_element_that_carried_it() {
        Exception f = FaultMapper.toFault(new MalformedNumberException("bad", "number"), "applicationNumber");
        assertThat(detail(f).getField()).isEqualTo("applicationNumber");
        // other codes keep their own field
        Exception g = FaultMapper.toFault(new UnknownOfficeException("bad"), "applicationNumber");
        assertThat(detail(g).getField()).isEqualTo("office");
        Exception h = FaultMapper.toFault(new MalformedNumberException("bad", "number"), null);
        assertThat(detail(h).getField()).isEqualTo("number");
    }

    @Test
    void raise_throws_the_typed_fault() {
        Throwable t = catchThrowable(() -> FaultMapper.raise(new NotFoundException("gone", "applicationNumber"), null));
        assertThat(t).isInstanceOf(NotFoundFault.class).hasMessage("gone");
        Throwable u = catchThrowable(() -> FaultMapper.raise(new InvalidRequestException("no", null), null));
        assertThat(u).isInstanceOf(InvalidRequestFault.class);
        assertThat(((InvalidRequestFault) u).getFaultInfo().getField()).isNull();
    }

    @Test
    void a_detail_always_has_a_message() {
        FaultDetailType d = FaultMapper.detail(ErrorCode.NOT_FOUND, " ", null);
        assertThat(d.getMessage()).isEqualTo("NOT_FOUND");
        assertThat(d.getCode()).isEqualTo("NOT_FOUND");
    }

    private static void assertFault(DossierlinkException e, Class<? extends Exception> type, String code,
                                    String message, String field) {
        Exception f = FaultMapper.toFault(e, null);
        assertThat(f).isInstanceOf(type).hasMessage(message);
        FaultDetailType d = detail(f);
        assertThat(d.getCode()).isEqualTo(code);
        assertThat(d.getMessage()).isEqualTo(message);
        assertThat(d.getField()).isEqualTo(field);
    }

    private static FaultDetailType detail(Exception f) {
        if (f instanceof UnknownOfficeFault u) {
            return u.getFaultInfo();
        }
        if (f instanceof MalformedNumberFault m) {
            return m.getFaultInfo();
        }
        if (f instanceof NotFoundFault n) {
            return n.getFaultInfo();
        }
        return ((InvalidRequestFault) f).getFaultInfo();
    }
}
