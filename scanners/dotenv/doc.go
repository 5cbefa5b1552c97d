// Package dotenv parses `.env` files with the semantics docker compose (compose-go's dotenv
// package) applies, and records the position of every name and value.
//
// Data shape (the `input.data` of rules of kind "dotenv"):
//
//	{
//	  "vars": [
//	    {
//	      "name":      "OPENC3_REDIS_PASSWORD",
//	      "value":     "openc3password",   // after unquoting, escapes and ${VAR} expansion, as compose reads it
//	      "line":      52,                 // line of the name
//	      "quote":     "none",             // "none" | "single" | "double"
//	      "export":    false,              // written as `export NAME=…`
//	      "effective": true,               // false when a later line sets the same name again
//	      "weak":      false               // an effective secret-named variable (…PASSWORD, …SECRET,
//	                                       // …TOKEN: strength.SecretName) whose value zxcvbn rates
//	                                       // guessable (strength.Guessable): "supersecret", "123"
//	    }
//	  ]
//	}
//
// Every variable keeps its own entry, duplicates included, in file order.
//
// Spans: ["vars", i] has the name as Key and the raw value (quotes included) as Value;
// ["vars", i, "name"] and ["vars", i, "value"] have the same ranges as Key and Value. An empty
// value has a zero-width Value range just after the `=`. The document root [] spans line 1.
package dotenv
