"""Independent client for dossierlink's bulk transfer: python zeep, reading only the published ?wsdl.

Usage: /usr/bin/python3 zeep_bulk_client.py <source-wsdl> <target-wsdl> <folder>   (beside zeep_client.py)
Exports a package from the source node (ExportChanges, an MTOM download), submits it to the target node
(SubmitPackage), polls GetPackageReceipt until the import has finished (at most 60 s) and saves the receipt.
Prints one "key=value" line per fact; the Java test (BulkZeepIT) asserts them. Exit status 3 when zeep is
not installed.
"""
import hashlib
import os
import sys
import time

from zeep_client import Fault, fault_code, zeep  # exits 3 when zeep is not installed


def main(source_wsdl, target_wsdl, folder):
    source = zeep.Client(source_wsdl).bind("DossierService", "DossierSoap11Port")
    target = zeep.Client(target_wsdl).bind("DossierService", "DossierSoap12Port")

    exported = source.ExportChanges()
    package = exported.package
    print("export.items=%s" % exported.itemCount)
    print("export.sha256.matches=%s" % (hashlib.sha256(package).hexdigest() == exported.sha256))
    with open(os.path.join(folder, "zeep-export.zip"), "wb") as f:
        f.write(package)

    submitted = target.SubmitPackage(package=package, packageName="zeep-package")
    print("submit.status=%s" % submitted.status)
    print("submit.sha256.matches=%s" % (submitted.sha256 == hashlib.sha256(package).hexdigest()))

    deadline = time.time() + 60
    while True:
        state = target.GetPackageReceipt(ticket=submitted.ticket)
        if state.status in ("completed", "failed", "refused"):
            break
        if time.time() > deadline:
            print("receipt.status=timeout:%s" % state.status)
            return
        time.sleep(0.05)
    print("receipt.status=%s" % state.status)
    print("receipt.totals=%s,%s,%s,%s" % (state.totals.stored, state.totals.unchanged, state.totals.replaced,
                                          state.totals.rejected))
    print("receipt.signed=%s" % (state.Signature is not None))
    receipt = state.receipt
    print("receipt.sha256.matches=%s" % (hashlib.sha256(receipt).hexdigest() == state.receiptSha256))
    with open(os.path.join(folder, "zeep-receipt.xml"), "wb") as f:
        f.write(receipt)

    try:
        target.GetPackageReceipt(ticket="no-such-ticket")
        print("fault.unknownTicket=none")
    except Fault as f:
        print("fault.unknownTicket=%s" % fault_code(f))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
