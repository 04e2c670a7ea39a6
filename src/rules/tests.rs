use super::*;

// ---------------------------------------------------------------- helpers

fn rule(origins: &[&str], methods: &[&str]) -> CorsRule {
    CorsRule {
        allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
        allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
        ..CorsRule::default()
    }
}

fn config(rules: Vec<CorsRule>) -> CorsConfiguration {
    CorsConfiguration {
        rules,
        response_vary: None,
    }
}

fn ok_rule() -> CorsRule {
    rule(&["https://app.example.com"], &["GET"])
}

/// Validates a one-rule configuration after `edit`, expecting exactly one diagnostic.
fn one_error(edit: impl FnOnce(&mut CorsRule)) -> Diagnostic {
    let mut r = ok_rule();
    edit(&mut r);
    let err = validate(&config(vec![r])).expect_err("should be invalid");
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    err.diagnostics.into_iter().next().unwrap()
}

fn errors(text: &str, format: Format) -> DocumentError {
    parse(text, format, "rules").expect_err("should be rejected")
}

fn only(text: &str, format: Format) -> Diagnostic {
    let err = errors(text, format);
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    err.diagnostics.into_iter().next().unwrap()
}

fn xml_rule(body: &str) -> String {
    format!("<CORSConfiguration><CORSRule>{body}</CORSRule></CORSConfiguration>")
}

const G2_SERIALIZATION: &str = "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>Authorization</AllowedHeader></CORSRule><CORSRule><AllowedOrigin>http://www.a.com</AllowedOrigin><AllowedOrigin>http://www.b.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>Authorization</AllowedHeader><ExposeHeader>x-oss-test</ExposeHeader><ExposeHeader>x-oss-test1</ExposeHeader><MaxAgeSeconds>100</MaxAgeSeconds></CORSRule><ResponseVary>false</ResponseVary></CORSConfiguration>";

const DOC_GET_EXAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CORSConfiguration>
    <CORSRule>
        <AllowedOrigin>*</AllowedOrigin>
        <AllowedMethod>PUT</AllowedMethod>
        <AllowedMethod>GET</AllowedMethod>
        <AllowedHeader>Authorization</AllowedHeader>
    </CORSRule>
    <CORSRule>
        <AllowedOrigin>http://www.a.com</AllowedOrigin>
        <AllowedOrigin>www.b.com</AllowedOrigin>
        <AllowedMethod>GET</AllowedMethod>
        <AllowedHeader>Authorization</AllowedHeader>
        <ExposeHeader>x-oss-test</ExposeHeader>
        <ExposeHeader>x-oss-test1</ExposeHeader>
        <MaxAgeSeconds>100</MaxAgeSeconds>
    </CORSRule>
    <ResponseVary>false</ResponseVary>
</CORSConfiguration>
"#;

// ---------------------------------------------------------------- Format

#[test]
fn format_from_path_uses_the_extension() {
    assert_eq!(Format::from_path("rules.xml"), Some(Format::Xml));
    assert_eq!(Format::from_path("dir/rules.YAML"), Some(Format::Yaml));
    assert_eq!(Format::from_path("a.b/rules.yml"), Some(Format::Yaml));
    assert_eq!(Format::from_path("C:\\x\\rules.json"), Some(Format::Json));
    assert_eq!(Format::from_path("rules.txt"), None);
    assert_eq!(Format::from_path("rules"), None);
    assert_eq!(Format::from_path("dir.xml/rules"), None);
    assert_eq!(Format::from_path("-"), None);
}

#[test]
fn format_from_str() {
    assert_eq!("xml".parse::<Format>(), Ok(Format::Xml));
    assert_eq!("yaml".parse::<Format>(), Ok(Format::Yaml));
    assert_eq!("yml".parse::<Format>(), Ok(Format::Yaml));
    assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
    let e = "toml".parse::<Format>().unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown rule document format \"toml\" (expected xml, yaml, yml or json)"
    );
    for f in Format::ALL {
        assert_eq!(f.to_string().parse::<Format>(), Ok(f));
    }
}

// ---------------------------------------------------------------- validation limits

#[test]
fn valid_configuration_passes() {
    let mut r = ok_rule();
    r.allowed_methods = ALLOWED_METHODS.iter().map(|m| m.to_string()).collect();
    r.allowed_headers = vec!["*".into(), "x-oss-*".into(), "Content-Type".into()];
    r.expose_headers = vec!["ETag".into(), "x-oss-request-id".into()];
    r.max_age_seconds = Some(0);
    r.allowed_origins.push("https://*.example.com".into());
    r.allowed_origins.push("*".into());
    assert_eq!(validate(&config(vec![r])), Ok(()));
}

#[test]
fn limit_no_rules() {
    let err = validate(&config(vec![])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "configuration: no CORSRule: a configuration needs 1 to 10 rules"
    );
    assert_eq!(err.diagnostics[0].field.as_deref(), Some("CORSRule"));
    assert!(!err.is_syntax());
}

#[test]
fn limit_at_most_ten_rules() {
    assert_eq!(validate(&config(vec![ok_rule(); 10])), Ok(()));
    let err = validate(&config(vec![ok_rule(); 11])).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    let d = &err.diagnostics[0];
    assert_eq!(d.message, "11 rules (CORSRule): OSS allows at most 10");
    assert_eq!(d.value.as_deref(), Some("11"));
}

#[test]
fn limit_at_least_one_origin() {
    let d = one_error(|r| r.allowed_origins.clear());
    assert_eq!(d.message, "no AllowedOrigin: each rule needs at least one");
    assert_eq!(d.rule, Some(1));
    assert_eq!(d.field.as_deref(), Some("AllowedOrigin"));
}

#[test]
fn limit_at_least_one_method() {
    let d = one_error(|r| r.allowed_methods.clear());
    assert_eq!(d.message, "no AllowedMethod: each rule needs at least one");
    assert_eq!(
        d.help.as_deref(),
        Some("allowed: GET, PUT, POST, DELETE, HEAD")
    );
}

#[test]
fn limit_methods_only_the_five() {
    let d = one_error(|r| r.allowed_methods = vec!["PATCH".into()]);
    assert_eq!(
        d.message,
        "AllowedMethod \"PATCH\" is not allowed (allowed: GET, PUT, POST, DELETE, HEAD)"
    );
    assert_eq!(d.value.as_deref(), Some("PATCH"));
    assert_eq!(d.help, None);
    let err = validate(&config(vec![ok_rule(), {
        let mut r = ok_rule();
        r.allowed_methods.push("PATCH".into());
        r
    }]))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "configuration: rule 2: AllowedMethod \"PATCH\" is not allowed (allowed: GET, PUT, POST, DELETE, HEAD)"
    );
}

#[test]
fn limit_methods_are_case_sensitive() {
    let d = one_error(|r| r.allowed_methods = vec!["get".into()]);
    assert_eq!(
        d.message,
        "AllowedMethod \"get\" is not allowed (allowed: GET, PUT, POST, DELETE, HEAD)"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("methods are case-sensitive: did you mean GET?")
    );
}

#[test]
fn limit_options_is_not_a_rule_method() {
    let d = one_error(|r| r.allowed_methods = vec!["OPTIONS".into()]);
    assert!(
        d.message
            .starts_with("AllowedMethod \"OPTIONS\" is not allowed")
    );
    assert!(d.help.unwrap().contains("preflight"));
}

#[test]
fn limit_one_star_per_origin() {
    let d = one_error(|r| r.allowed_origins = vec!["https://*.*.example.com".into()]);
    assert_eq!(
        d.message,
        "AllowedOrigin \"https://*.*.example.com\" has 2 '*' wildcards; OSS allows at most one in each value"
    );
    assert_eq!(d.field.as_deref(), Some("AllowedOrigin"));
}

#[test]
fn limit_one_star_per_allowed_header() {
    let d = one_error(|r| r.allowed_headers = vec!["x-*-*".into()]);
    assert_eq!(
        d.message,
        "AllowedHeader \"x-*-*\" has 2 '*' wildcards; OSS allows at most one in each value"
    );
}

#[test]
fn limit_expose_header_no_star() {
    let d = one_error(|r| r.expose_headers = vec!["x-oss-*".into()]);
    assert_eq!(
        d.message,
        "ExposeHeader \"x-oss-*\": wildcards (*) are not allowed in ExposeHeader"
    );
    assert_eq!(d.field.as_deref(), Some("ExposeHeader"));
}

#[test]
fn limit_expose_header_forbidden_characters() {
    for c in ['<', '>', '&', '\'', '"'] {
        let v = format!("x{c}y");
        let d = one_error(|r| r.expose_headers = vec![v.clone()]);
        assert_eq!(
            d.message,
            format!(
                "ExposeHeader {v:?} contains {c:?}, which OSS rejects (none of * < > & ' \" may appear)"
            )
        );
        assert_eq!(d.value.as_deref(), Some(v.as_str()));
    }
}

#[test]
fn limit_header_names_are_tokens() {
    let d = one_error(|r| r.allowed_headers = vec!["x header".into()]);
    assert_eq!(
        d.message,
        "AllowedHeader \"x header\" is not a valid header name (' ' is not allowed in a header name)"
    );
    let d = one_error(|r| r.expose_headers = vec!["x:y".into()]);
    assert_eq!(
        d.message,
        "ExposeHeader \"x:y\" is not a valid header name (':' is not allowed in a header name)"
    );
    let d = one_error(|r| r.allowed_headers = vec!["é".into()]);
    assert!(d.message.contains("is not a valid header name"));
}

#[test]
fn limit_no_empty_strings() {
    let d = one_error(|r| r.allowed_origins = vec![String::new()]);
    assert_eq!(d.message, "AllowedOrigin is empty");
    assert_eq!(d.value.as_deref(), Some(""));
    let d = one_error(|r| r.allowed_methods = vec![String::new()]);
    assert_eq!(d.message, "AllowedMethod is empty");
    let d = one_error(|r| r.allowed_headers = vec![String::new()]);
    assert_eq!(d.message, "AllowedHeader is empty");
    let d = one_error(|r| r.expose_headers = vec![String::new()]);
    assert_eq!(d.message, "ExposeHeader is empty");
}

#[test]
fn limit_no_control_characters() {
    let d = one_error(|r| r.allowed_origins = vec!["https://a.com\r\nSet-Cookie: x".into()]);
    assert_eq!(
        d.message,
        "AllowedOrigin \"https://a.com\\r\\nSet-Cookie: x\" contains the control character U+000D"
    );
    assert_eq!(
        d.help.as_deref(),
        Some("CR/LF in a header value would allow header injection; remove it")
    );
    let d = one_error(|r| r.allowed_headers = vec!["x\nfoo".into()]);
    assert_eq!(
        d.message,
        "AllowedHeader \"x\\nfoo\" contains the control character U+000A"
    );
    let d = one_error(|r| r.expose_headers = vec!["a\u{0}".into()]);
    assert_eq!(
        d.message,
        "ExposeHeader \"a\\0\" contains the control character U+0000"
    );
    assert_eq!(d.help, None);
}

#[test]
fn limit_no_surrounding_whitespace() {
    let d = one_error(|r| r.allowed_origins = vec![" https://a.com".into()]);
    assert_eq!(
        d.message,
        "AllowedOrigin \" https://a.com\" has leading or trailing whitespace"
    );
}

#[test]
fn limit_max_age_upper_bound() {
    let mut r = ok_rule();
    r.max_age_seconds = Some(MAX_AGE_LIMIT);
    assert_eq!(validate(&config(vec![r])), Ok(()));
    let d = one_error(|r| r.max_age_seconds = Some(MAX_AGE_LIMIT + 1));
    assert_eq!(
        d.message,
        "MaxAgeSeconds 2147483648 is too large (at most 2147483647)"
    );
    assert_eq!(d.value.as_deref(), Some("2147483648"));
}

#[test]
fn limit_max_age_negative_in_documents() {
    let d = only(
        &xml_rule(
            "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>-1</MaxAgeSeconds>",
        ),
        Format::Xml,
    );
    assert_eq!(
        d.message,
        "MaxAgeSeconds -1 is negative; it must be a non-negative integer"
    );
    assert_eq!(d.kind, DiagnosticKind::Invalid);
    assert_eq!((d.rule, d.value.as_deref()), (Some(1), Some("-1")));
}

#[test]
fn limit_max_age_not_an_integer() {
    for v in ["ten", "1.5", "", "0x10", "1e3"] {
        let d = only(
            &xml_rule(&format!(
                "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>{v}</MaxAgeSeconds>"
            )),
            Format::Xml,
        );
        assert_eq!(
            d.message,
            format!("MaxAgeSeconds: expected a non-negative integer, found {v:?}")
        );
        assert_eq!(d.field.as_deref(), Some("MaxAgeSeconds"));
    }
}

#[test]
fn limit_max_age_huge() {
    let d = only(
        &xml_rule(
            "<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>99999999999999999999999</MaxAgeSeconds>",
        ),
        Format::Xml,
    );
    assert_eq!(
        d.message,
        "MaxAgeSeconds 99999999999999999999999 is too large (at most 2147483647)"
    );
    let d = only(
        "rules: [{allowed_origins: ['*'], allowed_methods: [GET], max_age_seconds: 3000000000}]",
        Format::Yaml,
    );
    assert_eq!(
        d.message,
        "max_age_seconds 3000000000 is too large (at most 2147483647)"
    );
}

#[test]
fn limit_response_vary_true_or_false() {
    let d = only(
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule><ResponseVary>0</ResponseVary></CORSConfiguration>",
        Format::Xml,
    );
    assert_eq!(d.message, "ResponseVary \"0\" must be true or false");
    assert_eq!(d.field.as_deref(), Some("ResponseVary"));
    assert_eq!(d.kind, DiagnosticKind::Invalid);
    let d = only(
        "rules: [{allowed_origins: ['*'], allowed_methods: [GET]}]\nresponse_vary: 'yes'\n",
        Format::Yaml,
    );
    assert_eq!(
        d.message,
        "response_vary: expected true or false, found \"yes\""
    );
    assert_eq!((d.line, d.column), (Some(2), Some(16)));
}

#[test]
fn every_problem_is_reported() {
    let mut bad = rule(&["a**"], &["get", "PATCH"]);
    bad.expose_headers = vec!["*".into()];
    bad.max_age_seconds = Some(u64::MAX);
    let err = validate(&config(vec![ok_rule(), bad, rule(&[], &[])])).unwrap_err();
    let text = err.to_string();
    assert_eq!(err.diagnostics.len(), 7, "{text}");
    assert!(err.diagnostics[..5].iter().all(|d| d.rule == Some(2)));
    assert!(err.diagnostics[5..].iter().all(|d| d.rule == Some(3)));
    assert_eq!(text.lines().count(), 7);
}

// ---------------------------------------------------------------- XML reading

#[test]
fn xml_g2_serialization_parses() {
    let c = parse(G2_SERIALIZATION, Format::Xml, "g2").unwrap();
    assert_eq!(c.rules.len(), 2);
    assert_eq!(c.rules[0].allowed_methods, ["PUT", "GET"]);
    assert_eq!(c.rules[0].allowed_headers, ["Authorization"]);
    assert_eq!(
        c.rules[1].allowed_origins,
        ["http://www.a.com", "http://www.b.com"]
    );
    assert_eq!(c.rules[1].expose_headers, ["x-oss-test", "x-oss-test1"]);
    assert_eq!(c.rules[1].max_age_seconds, Some(100));
    assert_eq!(c.response_vary, Some(false));
}

#[test]
fn xml_doc_example_parses_and_round_trips() {
    let c = parse(DOC_GET_EXAMPLE, Format::Xml, "doc").unwrap();
    assert_eq!(
        c.rules[1].allowed_origins,
        ["http://www.a.com", "www.b.com"]
    );
    let again = parse(&to_xml(&c), Format::Xml, "out").unwrap();
    assert_eq!(again, c);
}

#[test]
fn xml_writer_matches_oss_layout() {
    let c = parse(G2_SERIALIZATION, Format::Xml, "g2").unwrap();
    let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>Authorization</AllowedHeader>
  </CORSRule>
  <CORSRule>
    <AllowedOrigin>http://www.a.com</AllowedOrigin>
    <AllowedOrigin>http://www.b.com</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>Authorization</AllowedHeader>
    <ExposeHeader>x-oss-test</ExposeHeader>
    <ExposeHeader>x-oss-test1</ExposeHeader>
    <MaxAgeSeconds>100</MaxAgeSeconds>
  </CORSRule>
  <ResponseVary>false</ResponseVary>
</CORSConfiguration>
";
    assert_eq!(to_xml(&c), expected);
    assert_eq!(render(&c, Format::Xml), expected);
    // Without the whitespace it is the G2 body, byte for byte.
    let compact: String = expected
        .lines()
        .skip(1)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("");
    assert_eq!(compact, G2_SERIALIZATION);
}

#[test]
fn xml_writer_escapes_and_omits_absent_parts() {
    let c = config(vec![rule(&["https://a.com/?a=1&b=<2>"], &["GET"])]);
    let x = to_xml(&c);
    assert!(x.contains("<AllowedOrigin>https://a.com/?a=1&amp;b=&lt;2&gt;</AllowedOrigin>"));
    assert!(!x.contains("ResponseVary"));
    assert!(!x.contains("MaxAgeSeconds"));
    assert!(!x.contains("xmlns"));
    assert_eq!(parse(&x, Format::Xml, "x").unwrap(), c);
}

#[test]
fn xml_interleaved_elements() {
    let text = xml_rule(
        "<AllowedMethod>GET</AllowedMethod><AllowedOrigin>https://a.com</AllowedOrigin>\
         <AllowedHeader>x-a</AllowedHeader><AllowedMethod>PUT</AllowedMethod>\
         <MaxAgeSeconds>5</MaxAgeSeconds><AllowedOrigin>https://b.com</AllowedOrigin>\
         <ExposeHeader>ETag</ExposeHeader><AllowedHeader>x-b</AllowedHeader>",
    );
    let c = parse(&text, Format::Xml, "x").unwrap();
    let r = &c.rules[0];
    assert_eq!(r.allowed_origins, ["https://a.com", "https://b.com"]);
    assert_eq!(r.allowed_methods, ["GET", "PUT"]);
    assert_eq!(r.allowed_headers, ["x-a", "x-b"]);
    assert_eq!(r.expose_headers, ["ETag"]);
    assert_eq!(r.max_age_seconds, Some(5));
}

#[test]
fn xml_s3_namespace_and_whitespace_are_accepted() {
    let text = "\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        .trim_start()
        .to_string()
        + "\n<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n\
           <!-- a comment -->\n<CORSRule>\n  <AllowedOrigin>\n    https://a.com\n  </AllowedOrigin>\n\
           <AllowedMethod> GET </AllowedMethod></CORSRule>\n<ResponseVary> true </ResponseVary>\n\
           </CORSConfiguration>\n\n";
    let c = parse(&text, Format::Xml, "x").unwrap();
    assert_eq!(c.rules[0].allowed_origins, ["https://a.com"]);
    assert_eq!(c.rules[0].allowed_methods, ["GET"]);
    assert_eq!(c.response_vary, Some(true));
}

#[test]
fn xml_entities_char_refs_and_cdata() {
    let text = xml_rule(
        "<AllowedOrigin>https://a.com/&#x41;&#66;&amp;&lt;&gt;&apos;&quot;</AllowedOrigin>\
         <AllowedOrigin><![CDATA[https://<b>.com]]></AllowedOrigin><AllowedMethod>GET</AllowedMethod>",
    );
    let c = parse(&text, Format::Xml, "x").unwrap();
    assert_eq!(
        c.rules[0].allowed_origins,
        ["https://a.com/AB&<>'\"", "https://<b>.com"]
    );
}

#[test]
fn xml_rejects_doctype() {
    let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;\">\n]>\n<CORSConfiguration><CORSRule><AllowedOrigin>&lol2;</AllowedOrigin></CORSRule></CORSConfiguration>";
    let d = only(text, Format::Xml);
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert_eq!(
        d.message,
        "DOCTYPE declarations are not allowed (entity definitions enable billion-laughs and XXE attacks)"
    );
    assert_eq!((d.line, d.column), (Some(2), Some(1)));
    let xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CORSConfiguration/>";
    assert!(only(xxe, Format::Xml).message.starts_with("DOCTYPE"));
}

#[test]
fn xml_rejects_undefined_entities() {
    let d = only(
        &xml_rule("<AllowedOrigin>&xxe;</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"),
        Format::Xml,
    );
    assert_eq!(d.message, "undefined entity &xxe;");
    assert_eq!((d.line, d.column), (Some(1), Some(45)));
}

#[test]
fn xml_rejects_bad_char_ref() {
    let d = only(
        &xml_rule("<AllowedOrigin>&#0;</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"),
        Format::Xml,
    );
    assert_eq!(d.message, "invalid character reference &#0;");
}

#[test]
fn xml_wrong_root() {
    let d = only("<CORSConfig><CORSRule/></CORSConfig>", Format::Xml);
    assert_eq!(
        d.message,
        "the root element is <CORSConfig>, expected <CORSConfiguration>"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean CORSConfiguration?"));
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    let d = only("<Error><Code>NoSuchBucket</Code></Error>", Format::Xml);
    assert_eq!(
        d.help.as_deref(),
        Some("this is an OSS error response, not a CORS configuration")
    );
}

#[test]
fn xml_empty_document() {
    let d = only("  \n", Format::Xml);
    assert_eq!(d.message, "the document has no <CORSConfiguration> element");
    let d = only("<?xml version=\"1.0\"?>", Format::Xml);
    assert_eq!(d.message, "the document has no <CORSConfiguration> element");
}

#[test]
fn xml_empty_root_has_no_rules() {
    let d = only("<CORSConfiguration/>", Format::Xml);
    assert_eq!(
        d.message,
        "no CORSRule: a configuration needs 1 to 10 rules"
    );
    assert_eq!((d.line, d.column), (Some(1), Some(1)));
}

#[test]
fn xml_malformed_positions() {
    let d = only(
        "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>*</AllowedOrigin>\n  </CORSRules>\n</CORSConfiguration>",
        Format::Xml,
    );
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert!(d.message.starts_with("malformed XML: "), "{}", d.message);
    assert!(d.message.contains("CORSRules"), "{}", d.message);
    assert_eq!(d.line, Some(4));
    assert_eq!(d.rule, Some(1));
}

#[test]
fn xml_unclosed_element() {
    let d = only(
        "<CORSConfiguration>\n<CORSRule><AllowedOrigin>*</AllowedOrigin>\n",
        Format::Xml,
    );
    assert_eq!(
        d.message,
        "unexpected end of document: <CORSRule> is not closed"
    );
    assert_eq!(d.line, Some(3));
}

#[test]
fn xml_content_after_root() {
    let d = only(
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>\n<CORSConfiguration/>",
        Format::Xml,
    );
    assert_eq!(
        d.message,
        "unexpected element <CORSConfiguration> after </CORSConfiguration>: a document has one root"
    );
    assert_eq!((d.line, d.column), (Some(2), Some(1)));
    let d = only("<CORSConfiguration/>trailing", Format::Xml);
    assert_eq!(
        d.message,
        "unexpected text \"trailing\" outside <CORSConfiguration>"
    );
}

#[test]
fn xml_unknown_element_did_you_mean() {
    let text = "<CORSConfiguration>\n  <CORSRule>\n    <AllowOrigin>*</AllowOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n  </CORSRule>\n</CORSConfiguration>";
    let err = errors(text, Format::Xml);
    // The typo is reported once; "no AllowedOrigin" would only repeat it.
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    let d = &err.diagnostics[0];
    assert_eq!(d.kind, DiagnosticKind::UnknownField);
    assert_eq!(d.message, "unknown element <AllowOrigin> in <CORSRule>");
    assert_eq!(d.help.as_deref(), Some("did you mean AllowedOrigin?"));
    assert_eq!((d.line, d.column, d.rule), (Some(3), Some(5), Some(1)));
    assert_eq!(
        err.to_string(),
        "rules:3:5: rule 1: unknown element <AllowOrigin> in <CORSRule>; did you mean AllowedOrigin?"
    );
    assert!(err.is_syntax());
}

#[test]
fn xml_unknown_element_without_suggestion() {
    let d = only(
        &xml_rule("<AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><Banana/>"),
        Format::Xml,
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "expected one of: AllowedOrigin, AllowedMethod, AllowedHeader, ExposeHeader, MaxAgeSeconds"
        )
    );
    let d = only(
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule><ResponseVarry>true</ResponseVarry></CORSConfiguration>",
        Format::Xml,
    );
    assert_eq!(
        d.message,
        "unknown element <ResponseVarry> in <CORSConfiguration>"
    );
    assert_eq!(d.help.as_deref(), Some("did you mean ResponseVary?"));
}

#[test]
fn xml_misplaced_response_vary_and_s3_id() {
    let err = errors(
        &xml_rule(
            "<ID>r1</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ResponseVary>true</ResponseVary>",
        ),
        Format::Xml,
    );
    assert_eq!(err.diagnostics.len(), 2, "{err}");
    assert_eq!(
        err.diagnostics[0].help.as_deref(),
        Some("OSS CORS rules have no ID (that is S3)")
    );
    assert!(
        err.diagnostics[1]
            .help
            .as_deref()
            .unwrap()
            .starts_with("ResponseVary belongs directly in <CORSConfiguration>")
    );
}

#[test]
fn xml_unknown_attribute() {
    let d = only(
        "<CORSConfiguration id=\"1\"><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
        Format::Xml,
    );
    assert_eq!(d.message, "unknown attribute \"id\" on <CORSConfiguration>");
    assert_eq!(d.kind, DiagnosticKind::UnknownField);
}

#[test]
fn xml_text_and_elements_in_wrong_places() {
    let err = errors(
        &xml_rule(
            "stray<AllowedOrigin>*<b>x</b></AllowedOrigin><AllowedMethod>GET</AllowedMethod>",
        ),
        Format::Xml,
    );
    let msgs: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        msgs,
        [
            "unexpected text \"stray\" in <CORSRule>: it contains elements only",
            "unexpected element <b> inside <AllowedOrigin>: it takes text only"
        ]
    );
    assert!(err.is_syntax());
}

#[test]
fn xml_duplicate_max_age_and_response_vary() {
    let text = "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>1</MaxAgeSeconds><MaxAgeSeconds>2</MaxAgeSeconds></CORSRule><ResponseVary>true</ResponseVary><ResponseVary>false</ResponseVary></CORSConfiguration>";
    let err = errors(text, Format::Xml);
    let msgs: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
    let age = text.find(">1<").unwrap() + 2;
    let vary = text.find(">true<").unwrap() + 2;
    assert_eq!(
        msgs,
        [
            format!("more than one MaxAgeSeconds in a rule (the first is at 1:{age})"),
            format!("more than one ResponseVary (the first is at 1:{vary})"),
        ]
    );
    assert_eq!(
        err.diagnostics[0].column,
        Some(text.find(">2<").unwrap() + 2)
    );
}

#[test]
fn xml_value_positions_point_at_the_value() {
    let text = "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>*</AllowedOrigin>\n    <AllowedMethod>PATCH</AllowedMethod>\n  </CORSRule>\n  <CORSRule>\n    <AllowedOrigin>  https://é.example.com  </AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n    <ExposeHeader>*</ExposeHeader>\n  </CORSRule>\n</CORSConfiguration>";
    let err = errors(text, Format::Xml);
    assert_eq!(err.diagnostics.len(), 2, "{err}");
    let d = &err.diagnostics[0];
    assert_eq!((d.line, d.column, d.rule), (Some(4), Some(20), Some(1)));
    let d = &err.diagnostics[1];
    assert_eq!((d.line, d.column, d.rule), (Some(9), Some(19), Some(2)));
    assert_eq!(
        err.to_string(),
        "rules:4:20: rule 1: AllowedMethod \"PATCH\" is not allowed (allowed: GET, PUT, POST, DELETE, HEAD)\n\
         rules:9:19: rule 2: ExposeHeader \"*\": wildcards (*) are not allowed in ExposeHeader; list each response header the page must read, e.g. ETag"
    );
}

#[test]
fn xml_eleven_rules_points_at_the_eleventh() {
    let one =
        "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>\n";
    let text = format!(
        "<CORSConfiguration>\n{}</CORSConfiguration>",
        one.repeat(11)
    );
    let d = only(&text, Format::Xml);
    assert_eq!(d.message, "11 rules (CORSRule): OSS allows at most 10");
    assert_eq!((d.line, d.column), (Some(12), Some(1)));
}

#[test]
fn xml_empty_values_are_reported() {
    let err = errors(
        &xml_rule("<AllowedOrigin/><AllowedMethod>   </AllowedMethod>"),
        Format::Xml,
    );
    let msgs: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs, ["AllowedOrigin is empty", "AllowedMethod is empty"]);
    assert!(!err.is_syntax());
}

// ---------------------------------------------------------------- YAML

const YAML_OK: &str = "\
rules:
  - allowed_origins: [https://app.example.com, \"https://*.example.com\"]
    allowed_methods: [GET, PUT]
    allowed_headers: ['*']
    expose_headers: [ETag]
    max_age_seconds: 600
response_vary: true
";

#[test]
fn yaml_parses() {
    let c = parse(YAML_OK, Format::Yaml, "y").unwrap();
    assert_eq!(
        c.rules[0].allowed_origins,
        ["https://app.example.com", "https://*.example.com"]
    );
    assert_eq!(c.rules[0].allowed_methods, ["GET", "PUT"]);
    assert_eq!(c.rules[0].allowed_headers, ["*"]);
    assert_eq!(c.rules[0].max_age_seconds, Some(600));
    assert_eq!(c.response_vary, Some(true));
}

#[test]
fn yaml_type_error_with_position() {
    let text = "rules:\n  - allowed_origins: ['*']\n    allowed_methods: [GET]\n    max_age_seconds: ten\n";
    let err = errors(text, Format::Yaml);
    assert_eq!(
        err.to_string(),
        "rules:4:22: rule 1: max_age_seconds: expected a non-negative integer, found \"ten\""
    );
    assert!(err.is_syntax());
}

#[test]
fn yaml_unknown_key_did_you_mean() {
    let text = "rules:\n  - allowed_origin: ['*']\n    allowed_methods: [GET]\n";
    let d = only(text, Format::Yaml);
    assert_eq!(d.kind, DiagnosticKind::UnknownField);
    assert_eq!(d.message, "unknown key `allowed_origin`");
    assert_eq!(d.help.as_deref(), Some("did you mean `allowed_origins`?"));
    assert_eq!((d.line, d.column, d.rule), (Some(2), Some(5), Some(1)));
    // XML spellings and camelCase find the snake_case key too.
    let d = only(
        "rules: [{AllowedOrigin: ['*'], allowed_methods: [GET]}]",
        Format::Yaml,
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `allowed_origins`?"));
    let d = only(
        "CORSRule: [{allowed_origins: ['*'], allowed_methods: [GET]}]",
        Format::Yaml,
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `rules`?"));
    let err = errors("rules: []\nresponseVary: true\n", Format::Yaml);
    assert_eq!(err.diagnostics.len(), 2, "{err}");
    assert_eq!(
        err.diagnostics[1].help.as_deref(),
        Some("did you mean `response_vary`?")
    );
    let err = errors(
        "rules: [{allowed_origins: ['*'], allowed_methods: [GET], colour: red}]",
        Format::Yaml,
    );
    assert_eq!(
        err.diagnostics[0].help.as_deref(),
        Some(
            "expected one of: allowed_origins, allowed_methods, allowed_headers, expose_headers, max_age_seconds"
        )
    );
}

#[test]
fn yaml_duplicate_keys_are_errors() {
    let text = "rules:\n  - allowed_origins: ['*']\n    allowed_methods: [GET]\n    allowed_methods: [PUT]\n";
    let d = only(text, Format::Yaml);
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert_eq!(
        d.message,
        "invalid YAML: duplicate mapping key: allowed_methods"
    );
    assert_eq!(d.line, Some(4));
}

#[test]
fn yaml_syntax_error_position() {
    let d = only(
        "rules:\n  - allowed_origins: ['*'\n    allowed_methods: [GET]\n",
        Format::Yaml,
    );
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert!(d.message.starts_with("invalid YAML: "), "{}", d.message);
    assert!(d.line.is_some() && d.column.is_some());
}

#[test]
fn yaml_bare_star_hint() {
    let d = only(
        "rules:\n  - allowed_origins: [*]\n    allowed_methods: [GET]\n",
        Format::Yaml,
    );
    assert_eq!((d.line, d.column), (Some(2), Some(23)));
    assert_eq!(
        d.help.as_deref(),
        Some("a bare * starts a YAML alias; quote it: \"*\"")
    );
}

#[test]
fn yaml_semantic_errors_have_positions() {
    let text = "rules:\n  - allowed_origins: ['*']\n    allowed_methods: [get, PATCH]\n    max_age_seconds: -3\n  - allowed_origins: []\n    allowed_methods: [GET]\n";
    let err = errors(text, Format::Yaml);
    type Row<'a> = (Option<usize>, Option<usize>, Option<usize>, &'a str);
    let got: Vec<Row<'_>> = err
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.rule, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(3),
                Some(23),
                Some(1),
                "allowed_methods \"get\" is not allowed (allowed: GET, PUT, POST, DELETE, HEAD)"
            ),
            (
                Some(3),
                Some(28),
                Some(1),
                "allowed_methods \"PATCH\" is not allowed (allowed: GET, PUT, POST, DELETE, HEAD)"
            ),
            (
                Some(4),
                Some(22),
                Some(1),
                "max_age_seconds -3 is negative; it must be a non-negative integer"
            ),
            (
                Some(5),
                Some(5),
                Some(2),
                "no allowed_origins: each rule needs at least one"
            ),
        ]
    );
    assert_eq!(err.diagnostics[0].field.as_deref(), Some("AllowedMethod"));
    assert_eq!(err.diagnostics[0].value.as_deref(), Some("get"));
    assert!(!err.is_syntax());
}

#[test]
fn yaml_shape_errors() {
    let d = only("- allowed_origins: ['*']\n", Format::Yaml);
    assert_eq!(
        d.message,
        "expected a mapping with a `rules` list at the top level, found a list"
    );
    let d = only("", Format::Yaml);
    assert_eq!(
        d.message,
        "the document is empty; expected a mapping with a `rules` list"
    );
    let d = only("rules: 5\n", Format::Yaml);
    assert_eq!(d.message, "rules: expected a list of rules, found 5");
    let d = only("rules: [5]\n", Format::Yaml);
    assert!(d.message.starts_with("expected a rule (a mapping"));
    let d = only(
        "rules: [{allowed_origins: {a: b}, allowed_methods: [GET]}]",
        Format::Yaml,
    );
    assert_eq!(
        d.message,
        "allowed_origins: expected a list of strings, found a mapping"
    );
    let d = only(
        "rules: [{allowed_origins: ['*'], allowed_methods: [GET], allowed_headers: [600]}]",
        Format::Yaml,
    );
    assert_eq!(d.message, "allowed_headers: expected a string, found 600");
    assert_eq!(d.help.as_deref(), Some("quote it, e.g. \"...\""));
    let d = only(
        "rules: [{allowed_origins: ['*'], allowed_methods: [GET], max_age_seconds: '600'}]",
        Format::Yaml,
    );
    assert_eq!(
        d.message,
        "max_age_seconds: expected a non-negative integer, found \"600\""
    );
}

#[test]
fn yaml_single_string_is_a_one_item_list() {
    let c = parse(
        "rules:\n  - allowed_origins: '*'\n    allowed_methods: GET\n",
        Format::Yaml,
        "y",
    )
    .unwrap();
    assert_eq!(c.rules[0].allowed_origins, ["*"]);
    assert_eq!(c.rules[0].allowed_methods, ["GET"]);
}

#[test]
fn yaml_writer_output() {
    let c = parse(YAML_OK, Format::Yaml, "y").unwrap();
    assert_eq!(
        to_yaml(&c),
        "rules:\n  - allowed_origins:\n      - https://app.example.com\n      - https://*.example.com\n    allowed_methods:\n      - GET\n      - PUT\n    allowed_headers:\n      - \"*\"\n    expose_headers:\n      - ETag\n    max_age_seconds: 600\nresponse_vary: true\n"
    );
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_parses_with_escapes() {
    let text = r#"{"rules": [{"allowed_origins": ["https:\/\/a.com", "https://\u00e9.com"], "allowed_methods": ["GET"], "max_age_seconds": 0}], "response_vary": false}"#;
    let c = parse(text, Format::Json, "j").unwrap();
    assert_eq!(
        c.rules[0].allowed_origins,
        ["https://a.com", "https://é.com"]
    );
    assert_eq!(c.rules[0].max_age_seconds, Some(0));
    assert_eq!(c.response_vary, Some(false));
}

#[test]
fn json_syntax_error_position() {
    let d = only(
        "{\n  \"rules\": [\n    {\"allowed_origins\": [\"*\",]}\n  ]\n}",
        Format::Json,
    );
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert_eq!(d.message, "invalid JSON: expected value");
    assert_eq!(d.help.as_deref(), Some("remove the trailing comma"));
    assert_eq!((d.line, d.column), (Some(3), Some(30)));
    let d = only(
        "{\"rules\": [{\"allowed_origins\": [\"*\"],}]}",
        Format::Json,
    );
    assert_eq!(d.message, "invalid JSON: key must be a string");
}

#[test]
fn json_duplicate_key_and_unknown_key() {
    let text = "{\"rules\": [{\"allowed_origins\": [\"*\"], \"allowed_methods\": [\"GET\"], \"allowed_method\": [\"PUT\"]}],\n \"rules\": []}";
    let err = errors(text, Format::Json);
    let got: Vec<(Option<usize>, Option<usize>, &str)> = err
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), Some(67), "unknown key `allowed_method`"),
            (
                Some(2),
                Some(2),
                "duplicate key `rules` (first defined at 1:2)"
            ),
        ]
    );
    assert_eq!(
        err.diagnostics[0].help.as_deref(),
        Some("did you mean `allowed_methods`?")
    );
}

#[test]
fn json_type_errors() {
    let d = only(
        r#"{"rules": [{"allowed_origins": ["*"], "allowed_methods": ["GET"], "max_age_seconds": 1.5}]}"#,
        Format::Json,
    );
    assert_eq!(
        d.message,
        "max_age_seconds: expected a non-negative integer, found 1.5"
    );
    assert_eq!(d.column, Some(86));
    let d = only(
        r#"{"rules": [{"allowed_origins": ["*"], "allowed_methods": ["GET"]}], "response_vary": "true"}"#,
        Format::Json,
    );
    assert_eq!(
        d.message,
        "response_vary: expected true or false, found \"true\""
    );
    // an empty `rules` list is a validation error, reported too
    let err = errors(r#"{"rules": []}"#, Format::Json);
    assert_eq!(
        err.diagnostics[0].message,
        "no rules: `rules` is missing or empty; a configuration needs 1 to 10 rules"
    );
}

// ---------------------------------------------------------------- bytes, sizes, reports

#[test]
fn parse_bytes_reports_invalid_utf8_offset() {
    let mut bytes = b"rules:\n  - allowed_origins: ['https://a".to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\xfe.com']\n");
    let err = parse_bytes(&bytes, Format::Yaml, "bad.yaml").unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(
        d.message,
        format!("invalid UTF-8 at byte offset {offset} (byte 0xFF)")
    );
    assert_eq!((d.line, d.column), (Some(2), Some(33)));
    assert_eq!(
        err.to_string(),
        format!(
            "bad.yaml:2:33: invalid UTF-8 at byte offset {offset} (byte 0xFF); save the file as UTF-8"
        )
    );
    assert!(err.is_syntax());
}

#[test]
fn parse_bytes_skips_bom_and_parses() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(G2_SERIALIZATION.as_bytes());
    assert_eq!(
        parse_bytes(&bytes, Format::Xml, "x").unwrap(),
        parse(G2_SERIALIZATION, Format::Xml, "x").unwrap()
    );
}

#[test]
fn documents_over_one_mib_are_refused() {
    let mut text = String::from("rules: []\n");
    text.push_str(&"#".repeat(MAX_DOCUMENT_BYTES));
    let err = parse_bytes(text.as_bytes(), Format::Yaml, "big.yaml").unwrap_err();
    assert_eq!(
        err.diagnostics[0].message,
        format!(
            "document is {} bytes; rule documents are limited to 1048576 bytes (1 MiB)",
            text.len()
        )
    );
    assert!(parse(&text, Format::Yaml, "big.yaml").is_err());
    assert!(err.is_syntax());
}

#[test]
fn miette_report_labels_the_position() {
    use miette::Diagnostic as _;
    let text = "rules:\n  - allowed_origins: ['*']\n    allowed_methods: [PATCH]\n";
    let err = errors(text, Format::Yaml);
    assert!(err.source_code().is_some());
    let labels: Vec<miette::LabeledSpan> = err.labels().unwrap().collect();
    assert_eq!(labels.len(), 1);
    let offset = text.find("PATCH").unwrap();
    assert_eq!((labels[0].offset(), labels[0].len()), (offset, 5));
    assert!(
        labels[0]
            .label()
            .unwrap()
            .starts_with("rule 1: allowed_methods")
    );
    // No diagnostic code: the report has no `ossctl::rules::...` header line.
    assert!(err.code().is_none());
    // A report renders without panicking and shows the snippet.
    let report = format!("{:?}", miette::Report::new(err));
    assert!(report.contains("PATCH"));
}

#[test]
fn miette_label_covers_quoted_values() {
    use miette::Diagnostic as _;
    let text = "rules:\n  - allowed_origins: [\"a**\"]\n    allowed_methods: [GET]\n";
    let err = errors(text, Format::Yaml);
    let labels: Vec<miette::LabeledSpan> = err.labels().unwrap().collect();
    let offset = text.find("\"a**\"").unwrap();
    assert_eq!((labels[0].offset(), labels[0].len()), (offset, 5));
}

#[test]
fn validate_errors_have_no_snippet() {
    use miette::Diagnostic as _;
    let err = validate(&config(vec![])).unwrap_err();
    assert!(err.source_code().is_none());
    assert!(err.labels().is_none());
    assert_eq!(
        validate_named(&config(vec![]), "flags")
            .unwrap_err()
            .to_string(),
        "flags: no CORSRule: a configuration needs 1 to 10 rules"
    );
}

// ---------------------------------------------------------------- formats agree

#[test]
fn the_same_rules_in_three_formats() {
    let x = parse(DOC_GET_EXAMPLE, Format::Xml, "x").unwrap();
    let y = parse(&to_yaml(&x), Format::Yaml, "y").unwrap();
    let j = parse(&to_json(&y), Format::Json, "j").unwrap();
    assert_eq!(x, y);
    assert_eq!(y, j);
    for f in Format::ALL {
        assert_eq!(parse(&render(&x, f), f, "r").unwrap(), x);
    }
}

#[test]
fn examples_parse_and_agree() {
    let yaml = parse(
        include_str!("../../examples/cors.yaml"),
        Format::Yaml,
        "cors.yaml",
    )
    .unwrap();
    let xml = parse(
        include_str!("../../examples/cors.xml"),
        Format::Xml,
        "cors.xml",
    )
    .unwrap();
    let json = parse(
        include_str!("../../examples/cors.json"),
        Format::Json,
        "cors.json",
    )
    .unwrap();
    assert_eq!(yaml, xml);
    assert_eq!(yaml, json);
    assert_eq!(include_str!("../../examples/cors.xml"), to_xml(&yaml));
    assert_eq!(include_str!("../../examples/cors.json"), to_json(&yaml));
    assert_eq!(yaml.rules.len(), 2);
    assert_eq!(yaml.response_vary, Some(true));
    let demo = parse(
        include_str!("../../examples/lint-demo.yaml"),
        Format::Yaml,
        "lint-demo.yaml",
    )
    .unwrap();
    assert_eq!(demo.rules.len(), 3);
}

// ---------------------------------------------------------------- round trip property

mod prop {
    use super::super::*;
    use proptest::prelude::*;

    fn origin() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("*".to_string()),
            "https?://[a-z0-9.-]{1,12}(:[0-9]{1,5})?",
            "https://\\*\\.[a-z]{1,8}\\.com",
            // arbitrary printable text: XML/YAML special characters, non-ASCII, one star
            "[a-zA-Z0-9 :/.&<>'\"#%!?@é漢_~-]{0,8}\\*?[a-zA-Z0-9 :/.&<>'\"#é-]{0,8}",
            "(yes|no|null|true|~|600|0x1F|1e3|-|\\? x|- y|: z|\\[a\\]|\\{b\\}|@c|`d|!e|%f|&g|\\|h|>i)",
        ]
        .prop_map(|s| s.trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
    }

    fn allowed_header() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("*".to_string()),
            "[a-zA-Z0-9!#$%&'+.^_`|~-]{1,10}\\*?",
            "[0-9]{1,4}",
        ]
    }

    fn expose_header() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9!#$%+.^_`|~-]{1,12}"
    }

    fn cors_rule() -> impl Strategy<Value = CorsRule> {
        (
            prop::collection::vec(origin(), 1..4),
            prop::sample::subsequence(ALLOWED_METHODS.to_vec(), 1..=5),
            prop::collection::vec(allowed_header(), 0..4),
            prop::collection::vec(expose_header(), 0..3),
            prop::option::of(0..=MAX_AGE_LIMIT),
        )
            .prop_map(|(o, m, h, e, a)| CorsRule {
                allowed_origins: o,
                allowed_methods: m.into_iter().map(str::to_string).collect(),
                allowed_headers: h,
                expose_headers: e,
                max_age_seconds: a,
            })
    }

    fn configuration() -> impl Strategy<Value = CorsConfiguration> {
        (
            prop::collection::vec(cors_rule(), 1..=MAX_RULES),
            prop::option::of(any::<bool>()),
        )
            .prop_map(|(rules, response_vary)| CorsConfiguration {
                rules,
                response_vary,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn xml_yaml_json_xml_is_lossless(c in configuration()) {
            prop_assert_eq!(validate(&c), Ok(()));
            let xml = to_xml(&c);
            let from_xml = parse(&xml, Format::Xml, "x").map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
            prop_assert_eq!(&from_xml, &c);
            let yaml = to_yaml(&from_xml);
            let from_yaml = parse(&yaml, Format::Yaml, "y").map_err(|e| TestCaseError::fail(format!("{e}\n{yaml}")))?;
            prop_assert_eq!(&from_yaml, &c);
            let json = to_json(&from_yaml);
            let from_json = parse(&json, Format::Json, "j").map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
            prop_assert_eq!(&from_json, &c);
            prop_assert_eq!(to_xml(&from_json), xml);
        }

        /// Damaged documents: never a panic; an accepted document is always valid; every
        /// position is inside the text.
        #[test]
        fn damaged_documents_are_handled(
            c in configuration(),
            f in prop::sample::select(Format::ALL.to_vec()),
            edits in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(vec!["", "<", ">", "&", "\"", "'", "*", ":", "-", "\n", " ", "[", "]", "{", "}", ",", "x", "é", "\r\n", "<!DOCTYPE a>", "&amp;"])), 1..4),
        ) {
            let mut text = render(&c, f);
            for (at, piece) in edits {
                let mut i = at.index(text.len() + 1);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                // replace one character (or insert at the end)
                let end = text[i..].chars().next().map_or(i, |ch| i + ch.len_utf8());
                text.replace_range(i..end, piece);
            }
            match parse(&text, f, "damaged") {
                Ok(parsed) => prop_assert_eq!(validate(&parsed), Ok(())),
                Err(e) => {
                    prop_assert!(!e.diagnostics.is_empty());
                    let lines = text.split('\n').count();
                    for d in &e.diagnostics {
                        if let Some(line) = d.line {
                            prop_assert!(line >= 1 && line <= lines, "{} (text has {} lines)", e, lines);
                            prop_assert!(d.column.unwrap_or(1) >= 1);
                        }
                    }
                    // the report renders
                    let _ = format!("{:?}", miette::Report::new(e));
                }
            }
        }

        #[test]
        fn parsers_never_panic(text in "[<>/a-zA-Z\"':{}\\[\\],&;#\n -]{0,80}") {
            for f in Format::ALL {
                let _ = parse(&text, f, "fuzz");
            }
        }
    }
}

/// Rewrites examples/cors.xml and examples/cors.json from examples/cors.yaml:
/// `cargo test --lib rules::tests::bless_examples -- --ignored`.
#[test]
#[ignore = "writes the example files"]
fn bless_examples() {
    let yaml = parse(
        include_str!("../../examples/cors.yaml"),
        Format::Yaml,
        "cors.yaml",
    )
    .unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    std::fs::write(format!("{dir}/cors.xml"), to_xml(&yaml)).unwrap();
    std::fs::write(format!("{dir}/cors.json"), to_json(&yaml)).unwrap();
}

#[test]
fn hostile_nesting_is_rejected_not_crashing() {
    let deep_yaml = "[".repeat(100_000);
    let d = &errors(&deep_yaml, Format::Yaml).diagnostics[0];
    assert_eq!(d.kind, DiagnosticKind::Syntax, "{}", d.message);
    let deep_json = "[".repeat(100_000);
    let d = &errors(&deep_json, Format::Json).diagnostics[0];
    assert_eq!(d.kind, DiagnosticKind::Syntax, "{}", d.message);
    let deep_xml = format!("<CORSConfiguration><X>{}", "<a>".repeat(100_000));
    assert!(errors(&deep_xml, Format::Xml).is_syntax());
}

#[test]
fn many_problems_are_capped_and_positions_stay_exact() {
    // One long line with a non-ASCII character before each problem.
    let rule =
        "<CORSRule><AllowedOrigin>é</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule>";
    let text = format!(
        "<CORSConfiguration>{}</CORSConfiguration>",
        rule.repeat(5000)
    );
    let err = errors(&text, Format::Xml);
    assert_eq!(err.diagnostics.len(), MAX_DIAGNOSTICS + 1);
    let last = err.diagnostics.last().unwrap();
    assert_eq!(
        last.message,
        format!(
            "{} more problems not shown (only the first 100 are listed)",
            5001 - 100
        )
    );
    let d = &err.diagnostics[0];
    assert_eq!(d.rule, Some(1));
    let byte = text.find("PATCH").unwrap();
    assert_eq!(d.column, Some(byte - 1 + 1)); // one 2-byte character before it
    let d = &err.diagnostics[1];
    assert_eq!(d.rule, Some(2));
    let byte2 = byte + rule.len();
    assert_eq!(d.column, Some(byte2 - 2 + 1));
}

#[test]
fn xml_positions_with_crlf_and_inner_whitespace() {
    let text = "<CORSConfiguration>\r\n<CORSRule>\r\n<AllowedOrigin>\r\n\r\n   a &amp;\tb </AllowedOrigin>\r\n<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>";
    let d = only(text, Format::Xml);
    assert_eq!(
        d.message,
        "AllowedOrigin \"a &\\tb\" contains the control character U+0009"
    );
    assert_eq!((d.line, d.column), (Some(5), Some(4)));
}

#[test]
fn xml_bare_ampersand_is_a_syntax_error() {
    let d = only(
        &xml_rule("<AllowedOrigin>a & b</AllowedOrigin><AllowedMethod>GET</AllowedMethod>"),
        Format::Xml,
    );
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert_eq!(d.line, Some(1));
}

#[test]
fn yaml_alias_bombs_are_refused() {
    let mut text = String::from(
        "a0: &a0 [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\n",
    );
    for i in 1..12 {
        let prev = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    text.push_str("rules: []\n");
    let d = only(&text, Format::Yaml);
    assert_eq!(d.kind, DiagnosticKind::Syntax);
    assert!(d.message.starts_with("invalid YAML: "), "{}", d.message);
    assert!(d.message.contains("limit"), "{}", d.message);
}

#[test]
fn yaml_aliases_within_limits_work() {
    let text = "rules:\n  - allowed_origins: &o [\"https://a.com\"]\n    allowed_methods: [GET]\n  - allowed_origins: *o\n    allowed_methods: [PUT]\n";
    let c = parse(text, Format::Yaml, "y").unwrap();
    assert_eq!(c.rules[1].allowed_origins, ["https://a.com"]);
}
#[test]
fn graphical_report_names_the_file_and_labels_each_problem() {
    let text = "rules:\n  - allowed_origin: ['*']\n    allowed_methods: [GET, PATCH]\n    max_age_seconds: ten\n";
    let err = parse(text, Format::Yaml, "cors.yaml").unwrap_err();
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, &err)
        .unwrap();
    assert!(!out.contains("ossctl::rules::"), "{out}");
    assert!(out.contains("[cors.yaml:2:5]"), "{out}");
    assert!(
        out.contains("╰── rule 1: unknown key `allowed_origin`"),
        "{out}"
    );
    assert!(
        out.contains("╰── rule 1: allowed_methods \"PATCH\" is not allowed"),
        "{out}"
    );
    assert!(out.contains("found \"ten\""), "{out}");
    assert!(
        out.contains("cors.yaml:3:28: rule 1: allowed_methods \"PATCH\""),
        "{out}"
    );
}

#[test]
fn parse_located_gives_rule_and_value_positions() {
    let p = |line, column| Position { line, column };
    let yaml = "rules:\n  - allowed_origins: [\"https://a.com\", 'https://b.com']\n    allowed_methods:\n      - GET\n    max_age_seconds: 5\n  - allowed_origins: ['*']\n    allowed_methods: [PUT]\n";
    let (c, pos) = parse_located(yaml, Format::Yaml, "y").unwrap();
    assert_eq!(c.rules.len(), 2);
    assert_eq!(pos.rules.len(), 2);
    let r = &pos.rules[0];
    assert_eq!(r.rule, Some(p(2, 5)));
    assert_eq!(r.allowed_origins, [p(2, 23), p(2, 40)]);
    assert_eq!(r.allowed_methods, [p(4, 9)]);
    assert_eq!(r.max_age_seconds, Some(p(5, 22)));
    assert_eq!(pos.rules[1].allowed_methods, [p(7, 23)]);

    let xml = "<CORSConfiguration>\n  <CORSRule>\n    <AllowedMethod>GET</AllowedMethod>\n    <AllowedOrigin>https://a.com</AllowedOrigin>\n  </CORSRule>\n</CORSConfiguration>\n";
    let (_, pos) = parse_located(xml, Format::Xml, "x").unwrap();
    assert_eq!(pos.rules[0].rule, Some(p(2, 3)));
    assert_eq!(pos.rules[0].allowed_methods, [p(3, 20)]);
    assert_eq!(pos.rules[0].allowed_origins, [p(4, 20)]);
    assert_eq!(p(4, 20).to_string(), "4:20");

    let json =
        "{\"rules\": [\n  {\"allowed_origins\": [\"*\"], \"allowed_methods\": [\"GET\"]}\n]}";
    let (_, pos) = parse_located(json, Format::Json, "j").unwrap();
    assert_eq!(pos.rules[0].rule, Some(p(2, 3)));
    assert_eq!(pos.rules[0].allowed_origins, [p(2, 24)]);
    assert_eq!(pos.rules[0].allowed_methods, [p(2, 50)]);
}

#[test]
fn byte_order_mark_is_skipped_in_text_too() {
    for f in Format::ALL {
        let c = parse(DOC_GET_EXAMPLE, Format::Xml, "x").unwrap();
        let text = format!("\u{feff}{}", render(&c, f));
        assert_eq!(parse(&text, f, "bom").unwrap(), c, "{f}");
    }
    let err = errors(
        "\u{feff}<CORSConfiguration><Bad/></CORSConfiguration>",
        Format::Xml,
    );
    let d = &err.diagnostics[1];
    assert_eq!(d.message, "unknown element <Bad> in <CORSConfiguration>");
    assert_eq!((d.line, d.column), (Some(1), Some(20)));
}

#[test]
fn floats_are_not_integers_in_any_format() {
    let d = only(
        "rules: [{allowed_origins: ['*'], allowed_methods: [GET], max_age_seconds: 600.0}]",
        Format::Yaml,
    );
    assert_eq!(
        d.message,
        "max_age_seconds: expected a non-negative integer, found 600.0"
    );
    let d = only(
        r#"{"rules": [{"allowed_origins": ["*"], "allowed_methods": ["GET"], "max_age_seconds": 600.0}]}"#,
        Format::Json,
    );
    assert_eq!(
        d.message,
        "max_age_seconds: expected a non-negative integer, found 600.0"
    );
}

#[test]
fn yaml_unclosed_bracket_is_reported_where_it_opens() {
    let text = "rules:\n  - allowed_origins:\n      - https://a.example.com\n    allowed_methods: [GET]\n    max_age_seconds: 600\n    allowed_headers: [content-type, x-oss-meta-a\n    expose_headers: [ETag]\n";
    let err = parse(text, Format::Yaml, "u.yaml").unwrap_err();
    let line = err.to_string();
    assert!(
        line.starts_with("u.yaml:6:22: invalid YAML: this `[` is never closed"),
        "{line}"
    );
    // Brackets inside quotes, comments and plain scalars do not count; a flow list that
    // spans lines and closes is fine.
    // A bracket in quotes or a comment does not count: the error stays where the parser
    // found it (a missing `:` after a key, not an unclosed bracket).
    let other = "rules:\n  - allowed_origins: ['https://a[1].example.com', \"x{\"] # [\n    allowed_methods [GET]\n    max_age_seconds: 1\n";
    let msg = parse(other, Format::Yaml, "o.yaml")
        .unwrap_err()
        .to_string();
    assert!(!msg.contains("never closed"), "{msg}");
    // A flow list that spans lines and closes is valid YAML.
    let ok = "rules:\n  - allowed_origins: ['https://a.example.com']\n    allowed_methods: [GET,\n      PUT]\n";
    assert!(parse(ok, Format::Yaml, "ok.yaml").is_ok());
}
