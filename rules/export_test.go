package rules

// WalkStrings is walkStrings, for the test that checks input.values against Rego's class_of
// on every string a scan hands the rules.
var WalkStrings = walkStrings

// ShippedDefaults is the built-in defaults data, decoded, and its bytes.
var ShippedDefaults = shippedDefaultsRaw
