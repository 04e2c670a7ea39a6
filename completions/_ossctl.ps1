
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
            [CompletionResult]::new('cors', 'cors', [CompletionResultType]::ParameterValue, 'Read, write and test bucket CORS rules')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('generate-man', 'generate-man', [CompletionResultType]::ParameterValue, 'Write the man pages (ossctl.1 and one per subcommand) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;cors' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
            [CompletionResult]::new('wizard', 'wizard', [CompletionResultType]::ParameterValue, 'Build rules interactively: origins, methods, headers; test them; write or apply them')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find rules that are dead, shadowed, unsafe or ignored by browsers')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two rule sets rule by rule (files or live buckets)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;cors;test' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML or JSON); `-` reads stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML or JSON); `-` reads stdin')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the rule file (default: from the extension)')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'The page''s origin, e.g. https://app.example.com')
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'The object path the request goes to, e.g. /dir/obj.txt')
            [CompletionResult]::new('--requests', '--requests', [CompletionResultType]::ParameterName, 'Evaluate many requests: a JSON Lines file, one object per line with the fields origin, method, headers (a list of "Name: value" strings or an object), credentials, path; `-` reads stdin')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'The request is sent with credentials (cookies, `credentials: "include"`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Also send the real preflight and actual request to the endpoint and compare')
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
        'ossctl;cors;wizard' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Put the rules on this bucket when done (asks for confirmation; replaces its rules)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
        'ossctl;cors;lint' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML or JSON); `-` reads stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Rule file (OSS XML, YAML or JSON); `-` reads stdin')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of the rule file (default: from the extension)')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Do not report findings with this id (repeatable or comma-separated), e.g. `--allow missing-response-vary`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Exit 1 when any warning remains (notes never fail)')
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
        'ossctl;cors;diff' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format of rule files whose extension does not say (default: from the extension)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
        'ossctl;cors;convert' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write the result (default: stdout; `-` is stdout too)')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Where to write the result (default: stdout; `-` is stdout too)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Format to write (default: from OUT''s extension; required when writing to stdout)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Format of IN (default: from its extension; a .json file holding `CORSRules` is S3 JSON)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
        'ossctl;cors;help' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict')
            [CompletionResult]::new('wizard', 'wizard', [CompletionResultType]::ParameterValue, 'Build rules interactively: origins, methods, headers; test them; write or apply them')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find rules that are dead, shadowed, unsafe or ignored by browsers')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two rule sets rule by rule (files or live buckets)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;cors;help;test' {
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
        'ossctl;cors;help;convert' {
            break
        }
        'ossctl;cors;help;help' {
            break
        }
        'ossctl;serve' {
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow listening on a non-loopback address')
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
        'ossctl;completions' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format of the results on stdout; messages and errors always go to stderr')
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
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script on stdout')
            [CompletionResult]::new('generate-man', 'generate-man', [CompletionResultType]::ParameterValue, 'Write the man pages (ossctl.1 and one per subcommand) into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'ossctl;help;cors' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Simulate a browser''s cross-origin request against CORS rules and explain the verdict')
            [CompletionResult]::new('wizard', 'wizard', [CompletionResultType]::ParameterValue, 'Build rules interactively: origins, methods, headers; test them; write or apply them')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Find rules that are dead, shadowed, unsafe or ignored by browsers')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare two rule sets rule by rule (files or live buckets)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON')
            break
        }
        'ossctl;help;cors;test' {
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
        'ossctl;help;cors;convert' {
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
