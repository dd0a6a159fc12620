-- wrk script: GetDocument over SOAP 1.1 for one stored document, the same request every time.
-- Arguments after "--": OFFICE APPLICATION_NUMBER DOCUMENT_ID. (done() runs in wrk's main Lua state,
-- which init() never sees, so the RESULT line is always named GetDocument: the caller knows which
-- server it ran against.)
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua"
local report = require("report")

function init(args)
  local office, number, id = args[1], args[2], args[3]
  if not id then error("usage: wrk ... -s get-document.lua URL -- OFFICE APPLICATION_NUMBER DOCUMENT_ID") end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
  wrk.headers["SOAPAction"] = '"urn:dossierlink:service:1:GetDocument"'
  wrk.body = '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
      .. '<GetDocument xmlns="urn:dossierlink:messages:1">'
      .. '<office>' .. office .. '</office><applicationNumber>' .. number .. '</applicationNumber>'
      .. '<documentId>' .. id .. '</documentId>'
      .. '</GetDocument></soap:Body></soap:Envelope>'
end

function done(summary, latency, requests)
  report.done("GetDocument", summary, latency)
end
