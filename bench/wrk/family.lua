-- wrk script: GetFamily (extended) over SOAP 1.1 for numbers drawn at random from a query file
-- (lines "OFFICE<TAB>number as written<TAB>numberType", written by SyntheticStoreGenerator).
-- The file is given after "--" on the wrk command line.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua"
local report = require("report")

local bodies = {}
local counter = 0

local function envelope(office, number, numberType, familyType)
  return '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
      .. '<GetFamily xmlns="urn:dossierlink:messages:1">'
      .. '<office>' .. office .. '</office><number>' .. number .. '</number>'
      .. '<numberType>' .. numberType .. '</numberType><familyType>' .. familyType .. '</familyType>'
      .. '</GetFamily></soap:Body></soap:Envelope>'
end

function init(args)
  local file = args[1] or error("usage: wrk ... -s family.lua URL -- QUERY_FILE")
  local i = 0
  for line in io.lines(file) do
    local office, number, numberType = line:match("^(%u%u)\t([^\t]+)\t(%a+)$")
    if office then
      i = i + 1
      -- every third query asks for the simple family, the rest for the extended one
      bodies[i] = envelope(office, number, numberType, (i % 3 == 0) and "simple" or "extended")
    end
  end
  if i == 0 then error("no queries in " .. file) end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "text/xml; charset=utf-8",
    ["SOAPAction"] = '"urn:dossierlink:service:1:GetFamily"'
  }, bodies[math.random(#bodies)])
end

function done(summary, latency, requests)
  report.done("GetFamily", summary, latency)
end
