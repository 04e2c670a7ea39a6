//! OSS error bodies: writing them (for `serve`) and parsing them (for the client, from the body
//! or from the base64 `x-oss-err` header of bodiless responses). What a person can do about
//! an error is the CLI's business (`app::hints`), not the protocol's.

use base64::Engine as _;
use quick_xml::Reader;
use quick_xml::events::Event;

/// An OSS `<Error>` document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// `<Code>`, e.g. `NoSuchBucket`.
    pub code: String,
    /// `<Message>`.
    pub message: String,
    /// `<RequestId>`.
    pub request_id: String,
    /// `<HostId>` (the host the request was addressed to).
    pub host_id: String,
    /// `<EC>`, OSS's diagnostic code such as `0015-00000101`.
    pub ec: Option<String>,
    /// Every other child in document order, e.g. `BucketName`, `StringToSign`,
    /// `CanonicalRequest`, `OSSAccessKeyId`, `ArgumentName`.
    pub extra: Vec<(String, String)>,
}

/// Element text as OSS writes it in `<Error>` bodies: markup escaped, CR as `&#13;` (a
/// literal CR would be normalised away by the reader), TAB and LF literal, so a multi-line
/// `StringToSign` keeps its lines.
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::rules::escape_xml_with(&mut out, s, |out, c| match c {
        '\r' => out.push_str("&#13;"),
        c => out.push(c),
    });
    out
}

fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

impl ErrorBody {
    /// An error body with the four fields every OSS error has.
    pub fn new(code: &str, message: &str, request_id: &str, host_id: &str) -> Self {
        ErrorBody {
            code: code.to_string(),
            message: message.to_string(),
            request_id: request_id.to_string(),
            host_id: host_id.to_string(),
            ec: None,
            extra: Vec::new(),
        }
    }

    /// Sets `<EC>`.
    pub fn with_ec(mut self, ec: &str) -> Self {
        self.ec = Some(ec.to_string());
        self
    }

    /// Adds an extra child element (written after `HostId`, before `EC`).
    pub fn with_extra(mut self, name: &str, value: &str) -> Self {
        self.extra.push((name.to_string(), value.to_string()));
        self
    }

    /// The first extra child called `name`.
    pub fn extra(&self, name: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The document as OSS writes it: an XML declaration, then
    /// `<Error><Code/><Message/><RequestId/><HostId/>[extras]<EC/></Error>`.
    /// Extra names that are not XML names are skipped.
    pub fn to_xml(&self) -> String {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n");
        let mut push = |name: &str, value: &str| {
            s.push_str(&format!("  <{name}>{}</{name}>\n", escape_xml(value)));
        };
        push("Code", &self.code);
        push("Message", &self.message);
        push("RequestId", &self.request_id);
        push("HostId", &self.host_id);
        for (k, v) in self.extra.iter().filter(|(k, _)| is_xml_name(k)) {
            push(k, v);
        }
        if let Some(ec) = &self.ec {
            push("EC", ec);
        }
        s.push_str("</Error>\n");
        s
    }

    /// Base64 of [`ErrorBody::to_xml`], the `x-oss-err` header value for bodiless responses
    /// (HEAD, and OPTIONS when OSS sends no body).
    pub fn to_x_oss_err(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.to_xml())
    }

    /// Parses an `<Error>` document. `None` when the text is not XML with an `Error` root
    /// element and a `Code`.
    pub fn parse(xml: &str) -> Option<ErrorBody> {
        let mut reader = Reader::from_str(xml);
        let mut body = ErrorBody::default();
        let mut depth = 0usize;
        let mut seen_root = false;
        let mut current: Option<String> = None;
        let mut text = String::new();
        loop {
            match reader.read_event().ok()? {
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_string();
                    depth += 1;
                    if depth == 1 {
                        if name != "Error" {
                            return None;
                        }
                        seen_root = true;
                    } else if depth == 2 {
                        current = Some(name);
                        text.clear();
                    }
                }
                Event::Empty(e) => {
                    if depth == 0 {
                        return None;
                    }
                    if depth == 1 {
                        body.set(e.local_name().as_ref(), String::new());
                    }
                }
                Event::End(_) => {
                    if depth == 2
                        && let Some(name) = current.take()
                    {
                        body.set(&name, std::mem::take(&mut text));
                    }
                    depth = depth.checked_sub(1)?;
                }
                Event::Text(t) if depth == 2 => text.push_str(&t.xml10_content()),
                Event::CData(t) if depth == 2 => text.push_str(&t),
                Event::GeneralRef(r) if depth == 2 => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    } else {
                        text.push(match &*r {
                            "lt" => '<',
                            "gt" => '>',
                            "amp" => '&',
                            "apos" => '\'',
                            "quot" => '"',
                            _ => return None,
                        });
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        (seen_root && depth == 0 && !body.code.is_empty()).then_some(body)
    }

    fn set(&mut self, name: &str, value: String) {
        match name {
            "Code" => self.code = value,
            "Message" => self.message = value,
            "RequestId" => self.request_id = value,
            "HostId" => self.host_id = value,
            "EC" => self.ec = Some(value),
            _ => self.extra.push((name.to_string(), value)),
        }
    }

    /// Parses the `x-oss-err` header of a bodiless error response (base64 of the XML).
    pub fn from_x_oss_err(header_value: &str) -> Option<ErrorBody> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(header_value.trim())
            .ok()?;
        ErrorBody::parse(std::str::from_utf8(&bytes).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_parses_round_trip() {
        let e = ErrorBody::new(
            "SignatureDoesNotMatch",
            "a <b> & \"c\"",
            "RID1",
            "bkt.localhost",
        )
        .with_extra(
            "StringToSign",
            "GET\n\n\nSat, 01 Jun 2024 12:34:56 GMT\n/bkt/?cors",
        )
        .with_extra("OSSAccessKeyId", "AKID")
        .with_ec("0002-00000040");
        let xml = e.to_xml();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>SignatureDoesNotMatch</Code>\n  <Message>"));
        let ec_pos = xml.find("<EC>").unwrap();
        assert!(xml.find("<StringToSign>").unwrap() < ec_pos);
        assert!(xml.find("<HostId>").unwrap() < xml.find("<StringToSign>").unwrap());
        assert_eq!(ErrorBody::parse(&xml).unwrap(), e);
        assert_eq!(ErrorBody::from_x_oss_err(&e.to_x_oss_err()).unwrap(), e);
    }

    #[test]
    fn parses_oss_documents() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchBucket</Code>
  <Message>The specified bucket does not exist.</Message>
  <RequestId>5C3D9175B6FC201293AD****</RequestId>
  <HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>
  <BucketName>test</BucketName>
  <EC>0015-00000101</EC>
</Error>"#;
        let e = ErrorBody::parse(xml).unwrap();
        assert_eq!(e.code, "NoSuchBucket");
        assert_eq!(e.request_id, "5C3D9175B6FC201293AD****");
        assert_eq!(e.ec.as_deref(), Some("0015-00000101"));
        assert_eq!(e.extra("BucketName"), Some("test"));
        assert!(ErrorBody::parse("<CORSConfiguration/>").is_none());
        assert!(ErrorBody::parse("not xml").is_none());
        assert!(ErrorBody::parse("<Error><Message>x</Message></Error>").is_none());
        assert!(ErrorBody::parse("<Error><Code>X</Code>").is_none());
        assert!(ErrorBody::from_x_oss_err("!!!").is_none());
        let e = ErrorBody::parse("<Error><Code>A&#38;B</Code><X><![CDATA[<raw>]]></X><E/></Error>")
            .unwrap();
        assert_eq!(e.code, "A&B");
        assert_eq!(e.extra("X"), Some("<raw>"));
        assert_eq!(e.extra("E"), Some(""));
    }
}
