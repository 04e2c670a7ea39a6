
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'ossctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'ossctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'ossctl' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cors', 'cors', [CompletionResultType]::ParameterValue, 'Read, write and test bucket CORS rules')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved connection settings and their sources')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('generate-man', 'generate-man', [CompletionResultType]::ParameterValue, 'Write the man pages (ossctl.1 and one per subcommand) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;cors' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Replace a bucket''s CORS rules (PutBucketCors) from a file or from flags')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a bucket''s CORS rules (GetBucketCors) as XML, YAML or JSON')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a bucket''s CORS rules (DeleteBucketCors), after confirmation')
            [CompletionResult]::new('wizard', 'wizard', [CompletionResultType]::ParameterValue, 'Build rules interactively: origins, methods, headers; test them; write or apply them')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find rules that are dead, shadowed, unsafe or ignored by browsers')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two rule sets rule by rule (files or live buckets)')
            [CompletionResult]::new('behaviour', 'behaviour', [CompletionResultType]::ParameterValue, 'List what OSS is taken to do where its documentation is silent, with the evidence')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Ask a live bucket what OSS does where its documentation is silent, and record it')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;cors;test' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the rule file (default: from the extension, else from the first character)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'The page''s origin, e.g. https://app.example.com')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The object path the request goes to, e.g. /dir/obj.txt')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Evaluate many requests: a JSON Lines file, one object per line with the fields origin, method, headers (a list of "Name: value" strings or an object), credentials, path; `-` reads stdin')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'With --requests: worker threads simulating lines at the same time (output stays in input order) [default: the available cores]')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'With --requests: worker threads simulating lines at the same time (output stays in input order) [default: the available cores]')
            [CompletionResult]::new('--response-status', '--response-status', [CompletionResultType]::ParameterName, 'The status the actual request''s operation ends with (default: success). OSS sends no CORS headers on a 403 (a signature or permission refusal, documented); for other errors (404 NoSuchKey...) whether it does is an assumption')
            [CompletionResult]::new('--browser', '--browser', [CompletionResultType]::ParameterName, 'The browser engine to speak for: how long it reuses the preflight and the console text it shows; `all` puts the engines side by side and marks where they differ')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'With a Terraform plan or state (`terraform show -json`) as FILE: test only this resource, e.g. alicloud_oss_bucket_cors.site (default: every resource with CORS rules)')
            [CompletionResult]::new('--assume', '--assume', [CompletionResultType]::ParameterName, 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)')
            [CompletionResult]::new('--behaviour', '--behaviour', [CompletionResultType]::ParameterName, 'Read OSS''s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'The request is sent with credentials (cookies, `credentials: "include"`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Also send the real preflight and actual request to the endpoint and compare')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;put' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Rule file (XML, YAML or JSON by extension; `-` reads stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Rule file (XML, YAML or JSON by extension; `-` reads stdin)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the rule file (default: from the extension; XML for stdin unless it looks like YAML or JSON)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'One rule from flags: allowed origin (repeatable)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'Allowed method: GET PUT POST DELETE HEAD (repeatable; commas allowed)')
            [CompletionResult]::new('--allowed-header', '--allowed-header', [CompletionResultType]::ParameterName, 'Allowed request header (repeatable)')
            [CompletionResult]::new('--expose-header', '--expose-header', [CompletionResultType]::ParameterName, 'Header the browser may expose to scripts (repeatable)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Preflight cache time in seconds')
            [CompletionResult]::new('--response-vary', '--response-vary', [CompletionResultType]::ParameterName, 'Send `Vary: Origin` on every response (ResponseVary)')
            [CompletionResult]::new('--backup', '--backup', [CompletionResultType]::ParameterName, 'Save the bucket''s current configuration to FILE before writing (one bucket), or to FILE with the bucket name inserted when there are several. An existing file is never overwritten: the backup then goes to FILE with a timestamp inserted, and the result line names it')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Buckets processed at the same time')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Buckets processed at the same time')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'Append the rules to the bucket''s current rules instead of replacing them (at most 10); a rule the bucket already has is skipped, with a note')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write even when the bucket already has exactly these rules (by default the current rules are read first and an unchanged bucket is skipped with `no change`)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact HTTP request (signature and secrets masked) and send nothing')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Read the configuration back after writing and compare')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not show the diff against the live rules or ask before writing (on a terminal, `cors put` otherwise shows the diff and asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not show the diff against the live rules or ask before writing (on a terminal, `cors put` otherwise shows the diff and asks)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;get' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Document format of the output [default: json or yaml with `--output-format json|yaml`, else from the extension of `-o FILE`, else xml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;delete' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('--backup', '--backup', [CompletionResultType]::ParameterName, 'Save the current configuration to FILE before deleting (an existing file is never overwritten: the backup then goes to FILE with a timestamp inserted)')
            [CompletionResult]::new('-j', '-j', [CompletionResultType]::ParameterName, 'Buckets processed at the same time')
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Buckets processed at the same time')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact HTTP request (signature and secrets masked) and send nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;wizard' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Put the rules on this bucket when done (asks for confirmation; replaces its rules)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;lint' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin; repeatable')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin; repeatable')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'With a Terraform plan or state: lint only this resource (default: every resource with CORS rules)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the rule file (default: from the extension)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report findings with this id (repeatable or comma-separated), e.g. `--allow missing-response-vary`')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when any warning remains (notes never fail)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;diff' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of rule files whose extension does not say (default: from the extension)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'With a Terraform plan or state: compare only this resource. Without it every resource with CORS rules is compared; against `oss://` (no bucket name) each resource is compared with the live rules of its own bucket')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;behaviour' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--assume', '--assume', [CompletionResultType]::ParameterName, 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)')
            [CompletionResult]::new('--behaviour', '--behaviour', [CompletionResultType]::ParameterName, 'Read OSS''s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;probe' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('--backup', '--backup', [CompletionResultType]::ParameterName, 'With --scratch: where to save the original configuration (default: ossctl-probe-backup.BUCKET.xml in the current directory; an existing file is never overwritten)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write what was observed as a behaviour file (YAML, or JSON for a .json name) that `cors test --behaviour` and `serve --behaviour` read')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write what was observed as a behaviour file (YAML, or JSON for a .json name) that `cors test --behaviour` and `serve --behaviour` read')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('--scratch', '--scratch', [CompletionResultType]::ParameterName, 'Write a probe configuration built to decide every field, run the full probe, then put back exactly what was there (backup first; restored also on Ctrl-C/SIGTERM). Use a scratch bucket: browsers are answered by the probe rules meanwhile')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'With --scratch: do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --scratch: do not ask for confirmation (required when stdin is not a terminal)')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Remember what was observed for this endpoint (in the user''s config directory): later `cors test oss://...` runs against it use it and say so')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;convert' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the result (default: stdout; `-` is stdout too)')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Where to write the result (default: stdout; `-` is stdout too)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Format to write (default: from OUT''s extension, where .json is ossctl''s JSON: AWS S3 JSON is written only with `--to s3-json`; required when writing to stdout)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Format of IN (default: from its extension; a .json file holding `CORSRules`, bare or wrapped in `CORSConfiguration`, is S3 JSON; one holding `format_version` is Terraform''s `show -json` output)')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'With a Terraform plan or state as IN: the resource to convert (needed when it holds several)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'With --to terraform: the bucket the resource block names (default: the bucket of an oss:// or Terraform input)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;cors;help' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Replace a bucket''s CORS rules (PutBucketCors) from a file or from flags')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a bucket''s CORS rules (GetBucketCors) as XML, YAML or JSON')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a bucket''s CORS rules (DeleteBucketCors), after confirmation')
            [CompletionResult]::new('wizard', 'wizard', [CompletionResultType]::ParameterValue, 'Build rules interactively: origins, methods, headers; test them; write or apply them')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find rules that are dead, shadowed, unsafe or ignored by browsers')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two rule sets rule by rule (files or live buckets)')
            [CompletionResult]::new('behaviour', 'behaviour', [CompletionResultType]::ParameterValue, 'List what OSS is taken to do where its documentation is silent, with the evidence')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Ask a live bucket what OSS does where its documentation is silent, and record it')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;cors;help;test' {
            break
        }
        'ossctl;cors;help;put' {
            break
        }
        'ossctl;cors;help;get' {
            break
        }
        'ossctl;cors;help;delete' {
            break
        }
        'ossctl;cors;help;wizard' {
            break
        }
        'ossctl;cors;help;lint' {
            break
        }
        'ossctl;cors;help;diff' {
            break
        }
        'ossctl;cors;help;behaviour' {
            break
        }
        'ossctl;cors;help;probe' {
            break
        }
        'ossctl;cors;help;convert' {
            break
        }
        'ossctl;cors;help;help' {
            break
        }
        'ossctl;config' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;config;show' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]')
            [CompletionResult]::new('--sign-version', '--sign-version', [CompletionResultType]::ParameterName, 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]')
            [CompletionResult]::new('--addressing-style', '--addressing-style', [CompletionResultType]::ParameterName, 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Connect timeout in seconds [default: 10]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout of each attempt in seconds [default: 60]')
            [CompletionResult]::new('--ca-bundle', '--ca-bundle', [CompletionResultType]::ParameterName, 'Extra CA certificates (PEM) to trust besides the system''s')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;config;help;show' {
            break
        }
        'ossctl;config;help;help' {
            break
        }
        'ossctl;serve' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--addr', '--addr', [CompletionResultType]::ParameterName, 'Address to listen on (port 0 picks a free port)')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Data directory (buckets, CORS configurations, objects). Default: $XDG_DATA_HOME/ossctl/serve, else ~/.local/share/ossctl/serve')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Create this bucket at start if it does not exist (repeatable)')
            [CompletionResult]::new('--public-bucket', '--public-bucket', [CompletionResultType]::ParameterName, 'Create this bucket at start if needed and make it public-read (repeatable)')
            [CompletionResult]::new('--access-key-id', '--access-key-id', [CompletionResultType]::ParameterName, 'AccessKeyId clients must sign with (default: the documented development key)')
            [CompletionResult]::new('--access-key-secret', '--access-key-secret', [CompletionResultType]::ParameterName, 'AccessKeySecret clients must sign with (default: the documented development secret)')
            [CompletionResult]::new('--sts-token', '--sts-token', [CompletionResultType]::ParameterName, 'Accept this STS security token (repeatable). Without it, any token is accepted with the configured key pair')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region that V4 signature scopes must name (bare form, e.g. cn-hangzhou)')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Base domain for virtual-host addressing: <bucket>.<DOMAIN>')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve HTTPS with this PEM certificate chain (needs --tls-key)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'PEM private key for --tls-cert')
            [CompletionResult]::new('--assume', '--assume', [CompletionResultType]::ParameterName, 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)')
            [CompletionResult]::new('--behaviour', '--behaviour', [CompletionResultType]::ParameterName, 'Read OSS''s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow listening on a non-loopback address (then pass your own key pair; plain HTTP is warned about unless --tls-cert is given)')
            [CompletionResult]::new('--insecure-dev-credentials', '--insecure-dev-credentials', [CompletionResultType]::ParameterName, 'On a non-loopback address, serve the published development key pair anyway: anyone who can reach the address can then read and write every bucket. Warns at every start')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;completions' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;generate-man' {
            [CompletionResult]::new('--output-format', '--output-format', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors, no progress or notes')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log every HTTP exchange and internal step on stderr (secrets masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'ossctl;help' {
            [CompletionResult]::new('cors', 'cors', [CompletionResultType]::ParameterValue, 'Read, write and test bucket CORS rules')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved connection settings and their sources')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('generate-man', 'generate-man', [CompletionResultType]::ParameterValue, 'Write the man pages (ossctl.1 and one per subcommand) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;help;cors' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict')
            [CompletionResult]::new('put', 'put', [CompletionResultType]::ParameterValue, 'Replace a bucket''s CORS rules (PutBucketCors) from a file or from flags')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a bucket''s CORS rules (GetBucketCors) as XML, YAML or JSON')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a bucket''s CORS rules (DeleteBucketCors), after confirmation')
            [CompletionResult]::new('wizard', 'wizard', [CompletionResultType]::ParameterValue, 'Build rules interactively: origins, methods, headers; test them; write or apply them')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find rules that are dead, shadowed, unsafe or ignored by browsers')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two rule sets rule by rule (files or live buckets)')
            [CompletionResult]::new('behaviour', 'behaviour', [CompletionResultType]::ParameterValue, 'List what OSS is taken to do where its documentation is silent, with the evidence')
            [CompletionResult]::new('probe', 'probe', [CompletionResultType]::ParameterValue, 'Ask a live bucket what OSS does where its documentation is silent, and record it')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON')
            break
        }
        'ossctl;help;cors;test' {
            break
        }
        'ossctl;help;cors;put' {
            break
        }
        'ossctl;help;cors;get' {
            break
        }
        'ossctl;help;cors;delete' {
            break
        }
        'ossctl;help;cors;wizard' {
            break
        }
        'ossctl;help;cors;lint' {
            break
        }
        'ossctl;help;cors;diff' {
            break
        }
        'ossctl;help;cors;behaviour' {
            break
        }
        'ossctl;help;cors;probe' {
            break
        }
        'ossctl;help;cors;convert' {
            break
        }
        'ossctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from')
            break
        }
        'ossctl;help;config;show' {
            break
        }
        'ossctl;help;serve' {
            break
        }
        'ossctl;help;completions' {
            break
        }
        'ossctl;help;generate-man' {
            break
        }
        'ossctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
