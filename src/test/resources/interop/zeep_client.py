"""Independent client for the dossierlink SOAP API: python zeep, reading only the published ?wsdl.

Usage: /usr/bin/python3 zeep_client.py <wsdl-url>
Prints one "key=value" line per fact; the Java test (ZeepInteropIT) asserts them.
Exit status 3 when zeep is not installed.
"""
import sys

try:
    import zeep
    from zeep.exceptions import Fault
except ImportError:
    print("zeep-missing: install python3-zeep (run .ci/run)")
    sys.exit(3)

NS = "urn:dossierlink:messages:1"


def fault_code(fault):
    detail = fault.detail
    if detail is None:
        return "no-detail"
    for element in detail.iter("{%s}code" % NS):
        return element.text
    return "no-code"


def main(wsdl):
    client = zeep.Client(wsdl)
    soap11 = client.bind("DossierService", "DossierSoap11Port")
    soap12 = client.bind("DossierService", "DossierSoap12Port")

    info = soap11.GetServiceInfo()
    print("product=%s" % info.product)
    print("offices=%s" % ",".join(info.office))
    print("operations=%s" % ",".join(info.operation))

    info12 = soap12.GetServiceInfo()
    print("soap12.product=%s" % info12.product)

    normalized = soap11.NormalizeNumber(office="US", number="13/167,395", numberType="application")
    print("normalized.docdb=%s" % normalized.docdb)
    print("normalized.original=%s" % normalized.original)

    family = soap12.GetFamily(office="EP", number="EP 10167109", familyType="extended")
    print("family.type=%s" % family.familyType)
    print("family.memberCount=%s" % family.memberCount)
    print("family.members=%s" % ",".join(m.application.docdb for m in family.member))
    queried = [m.application.docdb for m in family.member if m.queried]
    print("family.queried=%s" % ",".join(queried))

    try:
        soap11.NormalizeNumber(office="ZZ", number="1")
        print("fault.unknownOffice=none")
    except Fault as f:
        print("fault.unknownOffice=%s" % fault_code(f))

    try:
        soap12.GetDocumentList(office="EP", applicationNumber="99999999")
        print("fault.notFound=none")
    except Fault as f:
        print("fault.notFound=%s" % fault_code(f))


if __name__ == "__main__":
    main(sys.argv[1])
