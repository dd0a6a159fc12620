-- wrk script: GetServiceInfo over SOAP 1.1, the cheap operation GetFamily is measured against.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua"
local report = require("report")

wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '"urn:dossierlink:service:1:GetServiceInfo"'
wrk.body = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
        .. '<soap:Body><GetServiceInfo xmlns="urn:dossierlink:messages:1"/></soap:Body></soap:Envelope>'

function done(summary, latency, requests)
  report.done("GetServiceInfo", summary, latency)
end
