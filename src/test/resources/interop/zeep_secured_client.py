"""Independent client for a production dossierlink node: python zeep over HTTPS with a WS-Security
UsernameToken (PasswordDigest with the digest key, or PasswordText with the password) and a Timestamp.

Usage: /usr/bin/python3 zeep_secured_client.py <wsdl-url> <ca-pem> <user> <digest-key> <password>
Prints one "key=value" line per fact; the Java test (AuthenticationIT) asserts them.
Exit status 3 when zeep is not installed.
"""
import datetime
import sys

try:
    import requests
    import zeep
    from zeep.exceptions import Fault
    from zeep.transports import Transport
    from zeep.wsse import utils
    from zeep.wsse.username import UsernameToken
except ImportError:
    print("zeep-missing: install python3-zeep (run .ci/run)")
    sys.exit(3)

NS = "urn:dossierlink:messages:1"


def detail(fault, name):
    if fault.detail is None:
        return "no-detail"
    for element in fault.detail.iter("{%s}%s" % (NS, name)):
        return element.text
    return "no-" + name


def token(user, secret, digest):
    """A fresh token per call: a new nonce, Created and Timestamp."""
    now = datetime.datetime.now(datetime.timezone.utc)
    timestamp = utils.WSU.Timestamp(
        utils.WSU.Created(now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"),
        utils.WSU.Expires((now + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"))
    return UsernameToken(user, secret, use_digest=digest, timestamp_token=timestamp, zulu_timestamp=True)


def main(wsdl, ca, user, digest_key, password):
    session = requests.Session()
    # trust exactly the node's pinned certificate: REQUESTS_CA_BUNDLE and the like would override verify
    session.trust_env = False
    session.verify = ca
    transport = Transport(session=session)
    anonymous = zeep.Client(wsdl, transport=transport)
    port = anonymous.bind("DossierService", "DossierSoap11Port")
    print("public.product=%s" % port.GetServiceInfo().product)
    try:
        port.GetFamily(office="EP", number="10167109")
        print("anonymous.family=answered")
    except Fault as f:
        print("anonymous.family=%s" % detail(f, "code"))

    digest = zeep.Client(wsdl, transport=transport, wsse=token(user, digest_key, True))
    family = digest.bind("DossierService", "DossierSoap11Port").GetFamily(office="EP", number="10167109")
    for m in family.member:
        print("digest.member.%s=%s%s" % (m.application.office, m.dossierAvailable,
                                         "" if m.unavailableReason is None else "/" + m.unavailableReason))

    denied = zeep.Client(wsdl, transport=transport, wsse=token(user, digest_key, True))
    try:
        denied.bind("DossierService", "DossierSoap12Port").GetDocumentList(office="US", applicationNumber="13/167,395")
        print("digest.us=answered")
    except Fault as f:
        print("digest.us=%s/%s" % (detail(f, "code"), detail(f, "reason")))

    text = zeep.Client(wsdl, transport=transport, wsse=token(user, password, False))
    documents = text.bind("DossierService", "DossierSoap11Port").GetDocumentList(office="EP", applicationNumber="10167109")
    print("text.documents=%s" % ",".join(d.id for d in documents.document))

    wrong = zeep.Client(wsdl, transport=transport, wsse=token(user, "wrong", True))
    try:
        wrong.bind("DossierService", "DossierSoap11Port").GetFamily(office="EP", number="10167109")
        print("wrong.family=answered")
    except Fault as f:
        print("wrong.family=%s" % detail(f, "code"))


if __name__ == "__main__":
    main(*sys.argv[1:6])
