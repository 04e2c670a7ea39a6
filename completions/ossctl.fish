# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ossctl_global_optspecs
    string join \n output-format= q/quiet v/verbose debug color= endpoint= region= access-key-id= access-key-secret= sts-token= config-file= profile= sign-version= addressing-style= retries= connect-timeout= timeout= ca-bundle= h/help V/version
end

function __fish_ossctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ossctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ossctl_using_subcommand
    set -l cmd (__fish_ossctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ossctl -n "__fish_ossctl_needs_command" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_needs_command" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_needs_command" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_needs_command" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_needs_command" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_needs_command" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_needs_command" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_needs_command" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_needs_command" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_needs_command" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_needs_command" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "cors" -d 'Read, write and test bucket CORS rules'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "config" -d 'Show the resolved connection settings and their sources'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "serve" -d 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "generate-man" -d 'Write the man pages (ossctl.1 and one per subcommand) into a directory'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "test" -d 'Simulate a browser\'s cross-origin request against CORS rules and explain the verdict'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "put" -d 'Replace a bucket\'s CORS rules (PutBucketCors) from a file or from flags'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "get" -d 'Print a bucket\'s CORS rules (GetBucketCors) as XML, YAML or JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "delete" -d 'Delete a bucket\'s CORS rules (DeleteBucketCors), after confirmation'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "wizard" -d 'Build rules interactively: origins, methods, headers; test them; write or apply them'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "lint" -d 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "diff" -d 'Compare two rule sets rule by rule (files or live buckets)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "behaviour" -d 'List what OSS is taken to do where its documentation is silent, with the evidence'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "probe" -d 'Ask a live bucket what OSS does where its documentation is silent, and record it'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "convert" -d 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test put get delete wizard lint diff behaviour probe convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s f -l file -d 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l format -d 'Format of the rule file (default: from the extension, else from the first character)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (`rules: [{allowed_origins: [...], ...}]`)'
json\t'JSON (same schema as YAML)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l origin -d 'The page\'s origin, e.g. https://app.example.com' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s X -l method -d 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s H -l header -d 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l path -d 'The object path the request goes to, e.g. /dir/obj.txt' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l requests -d 'Evaluate many requests: a JSON Lines file, one object per line with the fields origin, method, headers (a list of "Name: value" strings or an object), credentials, path; `-` reads stdin' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s j -l jobs -d 'With --requests: worker threads simulating lines at the same time (output stays in input order) [default: the available cores]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l response-status -d 'The status the actual request\'s operation ends with (default: success). OSS sends no CORS headers on a 403 (a signature or permission refusal, documented); for other errors (404 NoSuchKey...) whether it does is an assumption' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l browser -d 'The browser engine to speak for: how long it reuses the preflight and the console text it shows; `all` puts the engines side by side and marks where they differ' -r -f -a "chromium\t'Chromium (Chrome, Edge, Opera, ...)'
firefox\t'Firefox'
all\t'Every engine, side by side'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l resource -d 'With a Terraform plan or state (`terraform show -json`) as FILE: test only this resource, e.g. alicloud_oss_bucket_cors.site (default: every resource with CORS rules)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l assume -d 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l behaviour -d 'Read OSS\'s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l credentials -d 'The request is sent with credentials (cookies, `credentials: "include"`)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l live -d 'Also send the real preflight and actual request to the endpoint and compare'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s f -l file -d 'Rule file (XML, YAML or JSON by extension; `-` reads stdin)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l format -d 'Format of the rule file (default: from the extension; XML for stdin unless it looks like YAML or JSON)' -r -f -a "xml\t'OSS XML'
yaml\t'YAML'
json\t'JSON'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l origin -d 'One rule from flags: allowed origin (repeatable)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l method -d 'Allowed method: GET PUT POST DELETE HEAD (repeatable; commas allowed)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l allowed-header -d 'Allowed request header (repeatable)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l expose-header -d 'Header the browser may expose to scripts (repeatable)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l max-age -d 'Preflight cache time in seconds' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l response-vary -d 'Send `Vary: Origin` on every response (ResponseVary)' -r -f -a "true\t''
false\t''"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l backup -d 'Save the bucket\'s current configuration to FILE before writing (one bucket), or to FILE with the bucket name inserted when there are several. An existing file is never overwritten: the backup then goes to FILE with a timestamp inserted, and the result line names it' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s j -l jobs -d 'Buckets processed at the same time' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l merge -d 'Append the rules to the bucket\'s current rules instead of replacing them (at most 10); a rule the bucket already has is skipped, with a note'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l force -d 'Write even when the bucket already has exactly these rules (by default the current rules are read first and an unchanged bucket is skipped with `no change`)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l dry-run -d 'Print the exact HTTP request (signature and secrets masked) and send nothing'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -l verify -d 'Read the configuration back after writing and compare'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s y -l yes -d 'Do not show the diff against the live rules or ask before writing (on a terminal, `cors put` otherwise shows the diff and asks)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from put" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l format -d 'Document format of the output [default: json or yaml with `--output-format json|yaml`, else from the extension of `-o FILE`, else xml]' -r -f -a "xml\t'OSS XML'
yaml\t'YAML'
json\t'JSON'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -s o -l output-file -d 'Write to FILE instead of stdout' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l backup -d 'Save the current configuration to FILE before deleting (an existing file is never overwritten: the backup then goes to FILE with a timestamp inserted)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -s j -l jobs -d 'Buckets processed at the same time' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when stdin is not a terminal)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the exact HTTP request (signature and secrets masked) and send nothing'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s o -l output-file -d 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l apply -d 'Put the rules on this bucket when done (asks for confirmation; replaces its rules)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s f -l file -d 'Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show -json`); `-` reads stdin; repeatable' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l resource -d 'With a Terraform plan or state: lint only this resource (default: every resource with CORS rules)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l format -d 'Format of the rule file (default: from the extension)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (`rules: [{allowed_origins: [...], ...}]`)'
json\t'JSON (same schema as YAML)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l allow -d 'Do not report findings with this id (repeatable or comma-separated), e.g. `--allow missing-response-vary`' -r -f -a "dead-origin\t''
shadowed-rule\t''
wildcard-suffix-takeover\t''
wildcard-prefix-takeover\t''
null-origin\t''
http-and-https\t''
wildcard-write\t''
max-age-above-cap\t''
preflight-not-cached\t''
missing-response-vary\t''
duplicate\t''
redundant-value\t''
missing-upload-headers\t''
etag-not-exposed\t''
actual-request-other-rule\t''"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l strict -d 'Exit 1 when any warning remains (notes never fail)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l format -d 'Format of rule files whose extension does not say (default: from the extension)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (`rules: [{allowed_origins: [...], ...}]`)'
json\t'JSON (same schema as YAML)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l resource -d 'With a Terraform plan or state: compare only this resource. Without it every resource with CORS rules is compared; against `oss://` (no bucket name) each resource is compared with the live rules of its own bucket' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -l assume -d 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -l behaviour -d 'Read OSS\'s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from behaviour" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l backup -d 'With --scratch: where to save the original configuration (default: ossctl-probe-backup.BUCKET.xml in the current directory; an existing file is never overwritten)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -s o -l output-file -d 'Write what was observed as a behaviour file (YAML, or JSON for a .json name) that `cors test --behaviour` and `serve --behaviour` read' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l scratch -d 'Write a probe configuration built to decide every field, run the full probe, then put back exactly what was there (backup first; restored also on Ctrl-C/SIGTERM). Use a scratch bucket: browsers are answered by the probe rules meanwhile'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -s y -l yes -d 'With --scratch: do not ask for confirmation (required when stdin is not a terminal)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -l save -d 'Remember what was observed for this endpoint (in the user\'s config directory): later `cors test oss://...` runs against it use it and say so'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from probe" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s o -l output-file -d 'Where to write the result (default: stdout; `-` is stdout too)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l to -d 'Format to write (default: from OUT\'s extension, where .json is ossctl\'s JSON: AWS S3 JSON is written only with `--to s3-json`; required when writing to stdout)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (ossctl\'s schema)'
json\t'JSON (ossctl\'s schema)'
s3-json\t'AWS S3 JSON, as `aws s3api get-bucket-cors` prints it (`{"CORSRules": [...]}`); read also wrapped, as `put-bucket-cors --cors-configuration` takes it (`{"CORSConfiguration": {"CORSRules": [...]}}`)'
terraform\t'Terraform: writes an alicloud_oss_bucket_cors resource block (HCL); reads the output of `terraform show -json` (a plan or a state)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l from -d 'Format of IN (default: from its extension; a .json file holding `CORSRules`, bare or wrapped in `CORSConfiguration`, is S3 JSON; one holding `format_version` is Terraform\'s `show -json` output)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (ossctl\'s schema)'
json\t'JSON (ossctl\'s schema)'
s3-json\t'AWS S3 JSON, as `aws s3api get-bucket-cors` prints it (`{"CORSRules": [...]}`); read also wrapped, as `put-bucket-cors --cors-configuration` takes it (`{"CORSConfiguration": {"CORSRules": [...]}}`)'
terraform\t'Terraform: writes an alicloud_oss_bucket_cors resource block (HCL); reads the output of `terraform show -json` (a plan or a state)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l resource -d 'With a Terraform plan or state as IN: the resource to convert (needed when it holds several)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l bucket -d 'With --to terraform: the bucket the resource block names (default: the bucket of an oss:// or Terraform input)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "test" -d 'Simulate a browser\'s cross-origin request against CORS rules and explain the verdict'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "put" -d 'Replace a bucket\'s CORS rules (PutBucketCors) from a file or from flags'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print a bucket\'s CORS rules (GetBucketCors) as XML, YAML or JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a bucket\'s CORS rules (DeleteBucketCors), after confirmation'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "wizard" -d 'Build rules interactively: origins, methods, headers; test them; write or apply them'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Compare two rule sets rule by rule (files or live buckets)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "behaviour" -d 'List what OSS is taken to do where its documentation is silent, with the evidence'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "probe" -d 'Ask a live bucket what OSS does where its documentation is silent, and record it'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint -d 'OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000` [env: OSS_ENDPOINT]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com` endpoints when absent) [env: OSS_REGION]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l access-key-id -d 'AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l access-key-secret -d 'AccessKeySecret. Prefer the environment or the config file: a command line is visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l sts-token -d 'STS security token for temporary credentials [env: OSS_SESSION_TOKEN, ALIBABA_CLOUD_SECURITY_TOKEN]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config-file -d 'ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout) [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Profile (section) of the config file to use [env: OSSUTIL_PROFILE]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l sign-version -d 'Request signature version [default: v4] [env: OSS_SIGN_VERSION]' -r -f -a "v4\t'OSS4-HMAC-SHA256'
v1\t'HMAC-SHA1'"
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l addressing-style -d 'How the bucket is addressed [default: virtual for hostnames, path for IP addresses and localhost] [env: OSS_ADDRESSING_STYLE]' -r -f -a "virtual\t'`https://bucket.endpoint/key`'
path\t'`https://endpoint/bucket/key`'
cname\t'`https://your-domain/key` (the endpoint is the bucket\'s CNAME)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries after the first attempt, for connection errors, timeouts, 5xx and 429 [default: 3]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Connect timeout in seconds [default: 10]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Timeout of each attempt in seconds [default: 60]' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-bundle -d 'Extra CA certificates (PEM) to trust besides the system\'s' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from'
complete -c ossctl -n "__fish_ossctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l addr -d 'Address to listen on (port 0 picks a free port)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l data-dir -d 'Data directory (buckets, CORS configurations, objects). Default: $XDG_DATA_HOME/ossctl/serve, else ~/.local/share/ossctl/serve' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l bucket -d 'Create this bucket at start if it does not exist (repeatable)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l public-bucket -d 'Create this bucket at start if needed and make it public-read (repeatable)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l access-key-id -d 'AccessKeyId clients must sign with (default: the documented development key)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l access-key-secret -d 'AccessKeySecret clients must sign with (default: the documented development secret)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l sts-token -d 'Accept this STS security token (repeatable). Without it, any token is accepted with the configured key pair' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l region -d 'Region that V4 signature scopes must name (bare form, e.g. cn-hangzhou)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l domain -d 'Base domain for virtual-host addressing: <bucket>.<DOMAIN>' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l tls-cert -d 'Serve HTTPS with this PEM certificate chain (needs --tls-key)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l tls-key -d 'PEM private key for --tls-cert' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l assume -d 'Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable; `ossctl cors behaviour` lists every name and value)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l behaviour -d 'Read OSS\'s behaviour from a YAML or JSON file (the shape `ossctl cors behaviour --output yaml` prints); `--assume` applies on top' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l allow-remote -d 'Allow listening on a non-loopback address (then pass your own key pair; plain HTTP is warned about unless --tls-cert is given)'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l insecure-dev-credentials -d 'On a non-loopback address, serve the published development key pair anyway: anyone who can reach the address can then read and write every bucket. Warns at every start'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -l output-format -l output -d 'Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI: sarif (cors lint), junit (cors test --requests), github (annotations for lint findings, blocked --requests lines and invalid rule documents). Messages and errors always go to stderr. Not a file name: `-o/--output-file FILE` writes to a file' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'
sarif\t'SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers'
github\t'GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text'
junit\t'JUnit XML (cors test --requests), one test case per request'"
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors config serve completions generate-man help" -f -a "cors" -d 'Read, write and test bucket CORS rules'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors config serve completions generate-man help" -f -a "config" -d 'Show the resolved connection settings and their sources'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors config serve completions generate-man help" -f -a "serve" -d 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors config serve completions generate-man help" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors config serve completions generate-man help" -f -a "generate-man" -d 'Write the man pages (ossctl.1 and one per subcommand) into a directory'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors config serve completions generate-man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "test" -d 'Simulate a browser\'s cross-origin request against CORS rules and explain the verdict'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "put" -d 'Replace a bucket\'s CORS rules (PutBucketCors) from a file or from flags'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "get" -d 'Print a bucket\'s CORS rules (GetBucketCors) as XML, YAML or JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "delete" -d 'Delete a bucket\'s CORS rules (DeleteBucketCors), after confirmation'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "wizard" -d 'Build rules interactively: origins, methods, headers; test them; write or apply them'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "lint" -d 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "diff" -d 'Compare two rule sets rule by rule (files or live buckets)'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "behaviour" -d 'List what OSS is taken to do where its documentation is silent, with the evidence'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "probe" -d 'Ask a live bucket what OSS does where its documentation is silent, and record it'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "convert" -d 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show every resolved setting (endpoint, region, credentials, ...) and where it came from'
