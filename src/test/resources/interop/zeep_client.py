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

    normalized = soap11.NormalizeNumber(office="US", number="13/167,395", numberType="application").normalized
    print("normalized.docdb=%s" % normalized.docdb)
    print("normalized.original=%s" % normalized.original)

    family = soap12.GetFamily(office="EP", number="EP 10167109", familyType="extended")
    print("family.signed=%s" % (family.Signature.SignedInfo.SignatureMethod.Algorithm))
    print("family.type=%s" % family.familyType)
    print("family.memberCount=%s" % family.memberCount)
    print("family.members=%s" % ",".join(m.application.docdb for m in family.member))
    queried = [m.application.docdb for m in family.member if m.queried]
    print("family.queried=%s" % ",".join(queried))

    biblio = soap11.GetBibliographicData(office="EP", applicationNumber="10167109", dialect="st96")
    root = biblio.dialectContent._value_1
    print("st96.dialect=%s" % biblio.dialectContent.dialect)
    print("st96.root=%s" % root.tag)

    good = b'<dos:dossier xmlns:dos="urn:dossierlink:dossier:1"><dos:application><dos:office>EP</dos:office>' \
           b'<dos:number>10167109</dos:number><dos:docdb>EP.10167109.A</dos:docdb></dos:application></dos:dossier>'
    report = soap12.ValidateDossier(document=good, fileName="good.xml")
    print("validate.good=%s,%s,%s" % (report.valid, report.dialect, report.errorCount))
    bad = good.replace(b"<dos:docdb>EP.10167109.A</dos:docdb>", b"")
    report = soap11.ValidateDossier(document=bad, fileName="bad.xml", mode="strict")
    print("validate.bad=%s,%s,line %s" % (report.valid, report.errorCount, report.issue[0].line))

    certificates = soap12.GetSigningCertificates()
    current = [c for c in certificates.certificate if c.status == "current"]
    print("certificates.current=%s" % ",".join(c.keyName for c in current))
    print("certificates.signed=%s" % (certificates.Signature is not None))

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
