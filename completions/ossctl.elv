
use builtin;
use str;

set edit:completion:arg-completer[ossctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'ossctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'ossctl'= {
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand cors 'Read, write and test bucket CORS rules'
            cand config 'Show the resolved connection settings and their sources'
            cand serve 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)'
            cand completions 'Print a shell completion script on stdout'
            cand generate-man 'Write the man pages (ossctl.1 and one per subcommand) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ossctl;cors'= {
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand test 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict'
            cand put 'Replace a bucket''s CORS rules (PutBucketCors) from a file or from flags'
            cand get 'Print a bucket''s CORS rules (GetBucketCors) as XML, YAML or JSON'
            cand delete 'Delete a bucket''s CORS rules (DeleteBucketCors), after confirmation'
            cand wizard 'Build rules interactively: origins, methods, headers; test them; write or apply them'
            cand lint 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
            cand diff 'Compare two rule sets rule by rule (files or live buckets)'
            cand behaviour 'List what OSS is taken to do where its documentation is silent, with the evidence'
            cand convert 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ossctl;cors;test'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand -f 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin'
            cand --file 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin'
            cand --format 'Format of the rule file (default: from the extension, else from the first character)'
            cand --origin 'The page''s origin, e.g. https://app.example.com'
            cand -X 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased'
            cand --method 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased'
            cand -H 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value'
            cand --header 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value'
            cand --path 'The object path the request goes to, e.g. /dir/obj.txt'
            cand --requests 'Evaluate many requests: a JSON Lines file, one object per line with the fields origin, method, headers (a list of "Name: value" strings or an object), credentials, path; `-` reads stdin'
            cand -j 'With --requests: worker threads simulating lines at the same time (output stays in input order) [default: the available cores]'
            cand --jobs 'With --requests: worker threads simulating lines at the same time (output stays in input order) [default: the available cores]'
            cand --response-status 'The status the actual request''s operation ends with (default: success). OSS sends no CORS headers on a 403 (a signature or permission refusal, documented); for other errors (404 NoSuchKey...) whether it does is an assumption'
            cand --browser 'The browser engine to speak for: how long it reuses the preflight and the console text it shows; `all` puts the engines side by side and marks where they differ'
            cand --resource 'With a Terraform plan or state (`terraform show -json`) as FILE: test only this resource, e.g. alicloud_oss_bucket_cors.site (default: every resource with CORS rules)'
            cand --assume 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)'
            cand --behaviour 'Read OSS''s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand --credentials 'The request is sent with credentials (cookies, `credentials: "include"`)'
            cand --live 'Also send the real preflight and actual request to the endpoint and compare'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;put'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand -f 'Rule file (XML, YAML or JSON by extension; `-` reads stdin)'
            cand --file 'Rule file (XML, YAML or JSON by extension; `-` reads stdin)'
            cand --format 'Format of the rule file (default: from the extension; XML for stdin unless it looks like YAML or JSON)'
            cand --origin 'One rule from flags: allowed origin (repeatable)'
            cand --method 'Allowed method: GET PUT POST DELETE HEAD (repeatable; commas allowed)'
            cand --allowed-header 'Allowed request header (repeatable)'
            cand --expose-header 'Header the browser may expose to scripts (repeatable)'
            cand --max-age 'Preflight cache time in seconds'
            cand --response-vary 'Send `Vary: Origin` on every response (ResponseVary)'
            cand --backup 'Save the bucket''s current configuration to FILE before writing (one bucket), or to FILE with the bucket name inserted when there are several. An existing file is never overwritten: the backup then goes to FILE with a timestamp inserted, and the result line names it'
            cand -j 'Buckets processed at the same time'
            cand --jobs 'Buckets processed at the same time'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand --merge 'Append the rules to the bucket''s current rules instead of replacing them (at most 10); a rule the bucket already has is skipped, with a note'
            cand --force 'Write even when the bucket already has exactly these rules (by default the current rules are read first and an unchanged bucket is skipped with `no change`)'
            cand --dry-run 'Print the exact HTTP request (signature and secrets masked) and send nothing'
            cand --verify 'Read the configuration back after writing and compare'
            cand -y 'Do not show the diff against the live rules or ask before writing (on a terminal, `cors put` otherwise shows the diff and asks)'
            cand --yes 'Do not show the diff against the live rules or ask before writing (on a terminal, `cors put` otherwise shows the diff and asks)'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;get'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand --format 'Document format of the output [default: json or yaml with `--output-format json|yaml`, else from the extension of `-o FILE`, else xml]'
            cand -o 'Write to FILE instead of stdout'
            cand --output-file 'Write to FILE instead of stdout'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;delete'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand --backup 'Save the current configuration to FILE before deleting (an existing file is never overwritten: the backup then goes to FILE with a timestamp inserted)'
            cand -j 'Buckets processed at the same time'
            cand --jobs 'Buckets processed at the same time'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -y 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --yes 'Do not ask for confirmation (required when stdin is not a terminal)'
            cand --dry-run 'Print the exact HTTP request (signature and secrets masked) and send nothing'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;wizard'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand -o 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)'
            cand --output-file 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)'
            cand --apply 'Put the rules on this bucket when done (asks for confirmation; replaces its rules)'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;lint'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand -f 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin; repeatable'
            cand --file 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin; repeatable'
            cand --resource 'With a Terraform plan or state: lint only this resource (default: every resource with CORS rules)'
            cand --format 'Format of the rule file (default: from the extension)'
            cand --allow 'Do not report findings with this id (repeatable or comma-separated), e.g. `--allow missing-response-vary`'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand --strict 'Exit 1 when any warning remains (notes never fail)'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;diff'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand --format 'Format of rule files whose extension does not say (default: from the extension)'
            cand --resource 'With a Terraform plan or state: compare only this resource. Without it every resource with CORS rules is compared; against `oss://` (no bucket name) each resource is compared with the live rules of its own bucket'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;behaviour'= {
            cand --assume 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)'
            cand --behaviour 'Read OSS''s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;convert'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand -o 'Where to write the result (default: stdout; `-` is stdout too)'
            cand --output-file 'Where to write the result (default: stdout; `-` is stdout too)'
            cand --to 'Format to write (default: from OUT''s extension, where .json is ossctl''s JSON: AWS S3 JSON is written only with `--to s3-json`; required when writing to stdout)'
            cand --from 'Format of IN (default: from its extension; a .json file holding `CORSRules`, bare or wrapped in `CORSConfiguration`, is S3 JSON; one holding `format_version` is Terraform''s `show -json` output)'
            cand --resource 'With a Terraform plan or state as IN: the resource to convert (needed when it holds several)'
            cand --bucket 'With --to terraform: the bucket the resource block names (default: the bucket of an oss:// or Terraform input)'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;cors;help'= {
            cand test 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict'
            cand put 'Replace a bucket''s CORS rules (PutBucketCors) from a file or from flags'
            cand get 'Print a bucket''s CORS rules (GetBucketCors) as XML, YAML or JSON'
            cand delete 'Delete a bucket''s CORS rules (DeleteBucketCors), after confirmation'
            cand wizard 'Build rules interactively: origins, methods, headers; test them; write or apply them'
            cand lint 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
            cand diff 'Compare two rule sets rule by rule (files or live buckets)'
            cand behaviour 'List what OSS is taken to do where its documentation is silent, with the evidence'
            cand convert 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ossctl;cors;help;test'= {
        }
        &'ossctl;cors;help;put'= {
        }
        &'ossctl;cors;help;get'= {
        }
        &'ossctl;cors;help;delete'= {
        }
        &'ossctl;cors;help;wizard'= {
        }
        &'ossctl;cors;help;lint'= {
        }
        &'ossctl;cors;help;diff'= {
        }
        &'ossctl;cors;help;behaviour'= {
        }
        &'ossctl;cors;help;convert'= {
        }
        &'ossctl;cors;help;help'= {
        }
        &'ossctl;config'= {
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ossctl;config;show'= {
            cand --endpoint 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]'
            cand --region 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]'
            cand --access-key-id 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]'
            cand --access-key-secret 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]'
            cand --sts-token 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]'
            cand --config-file 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]'
            cand --profile 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]'
            cand --sign-version 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]'
            cand --addressing-style 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]'
            cand --retries 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]'
            cand --connect-timeout 'Connect timeout in seconds [default: 10]'
            cand --timeout 'Timeout of each attempt in seconds [default: 60]'
            cand --ca-bundle 'Extra CA certificates (PEM) to trust besides the system''s'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;config;help'= {
            cand show 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ossctl;config;help;show'= {
        }
        &'ossctl;config;help;help'= {
        }
        &'ossctl;serve'= {
            cand --addr 'Address to listen on (port 0 picks a free port)'
            cand --data-dir 'Data directory (buckets, CORS configurations, objects). Default: $XDG_DATA_HOME/ossctl/serve, else ~/.local/share/ossctl/serve'
            cand --bucket 'Create this bucket at start if it does not exist (repeatable)'
            cand --public-bucket 'Create this bucket at start if needed and make it public-read (repeatable)'
            cand --access-key-id 'AccessKeyId clients must sign with (default: the documented development key)'
            cand --access-key-secret 'AccessKeySecret clients must sign with (default: the documented development secret)'
            cand --sts-token 'Accept this STS security token (repeatable). Without it, any token is accepted with the configured key pair'
            cand --region 'Region that V4 signature scopes must name (bare form, e.g. cn-hangzhou)'
            cand --domain 'Base domain for virtual-host addressing: <bucket>.<DOMAIN>'
            cand --tls-cert 'Serve HTTPS with this PEM certificate chain (needs --tls-key)'
            cand --tls-key 'PEM private key for --tls-cert'
            cand --assume 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)'
            cand --behaviour 'Read OSS''s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top'
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand --allow-remote 'Allow listening on a non-loopback address (then pass your own key pair; plain HTTP is warned about unless --tls-cert is given)'
            cand --insecure-dev-credentials 'On a non-loopback address, serve the published development key pair anyway: anyone who can reach the address can then read and write every bucket. Warns at every start'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;completions'= {
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;generate-man'= {
            cand --output-format 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --output 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file'
            cand --color 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set'
            cand -q 'Print only results and errors, no progress or notes'
            cand --quiet 'Print only results and errors, no progress or notes'
            cand -v 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --verbose 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
            cand --debug 'Log every HTTP exchange and internal step on stderr (secrets masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'ossctl;help'= {
            cand cors 'Read, write and test bucket CORS rules'
            cand config 'Show the resolved connection settings and their sources'
            cand serve 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)'
            cand completions 'Print a shell completion script on stdout'
            cand generate-man 'Write the man pages (ossctl.1 and one per subcommand) into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'ossctl;help;cors'= {
            cand test 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict'
            cand put 'Replace a bucket''s CORS rules (PutBucketCors) from a file or from flags'
            cand get 'Print a bucket''s CORS rules (GetBucketCors) as XML, YAML or JSON'
            cand delete 'Delete a bucket''s CORS rules (DeleteBucketCors), after confirmation'
            cand wizard 'Build rules interactively: origins, methods, headers; test them; write or apply them'
            cand lint 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
            cand diff 'Compare two rule sets rule by rule (files or live buckets)'
            cand behaviour 'List what OSS is taken to do where its documentation is silent, with the evidence'
            cand convert 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
        }
        &'ossctl;help;cors;test'= {
        }
        &'ossctl;help;cors;put'= {
        }
        &'ossctl;help;cors;get'= {
        }
        &'ossctl;help;cors;delete'= {
        }
        &'ossctl;help;cors;wizard'= {
        }
        &'ossctl;help;cors;lint'= {
        }
        &'ossctl;help;cors;diff'= {
        }
        &'ossctl;help;cors;behaviour'= {
        }
        &'ossctl;help;cors;convert'= {
        }
        &'ossctl;help;config'= {
            cand show 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from'
        }
        &'ossctl;help;config;show'= {
        }
        &'ossctl;help;serve'= {
        }
        &'ossctl;help;completions'= {
        }
        &'ossctl;help;generate-man'= {
        }
        &'ossctl;help;help'= {
        }
    ]
    $completions[$command]
}
