# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ossctl_global_optspecs
    string join \n output= q/quiet v/verbose debug color= h/help V/version
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

complete -c ossctl -n "__fish_ossctl_needs_command" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_needs_command" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_needs_command" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_needs_command" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_needs_command" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_needs_command" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "cors" -d 'Read, write and test bucket CORS rules'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "serve" -d 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "generate-man" -d 'Write the man pages (ossctl.1 and one per subcommand) into a directory'
complete -c ossctl -n "__fish_ossctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -f -a "test" -d 'Simulate a browser\'s cross-origin request against CORS rules and explain the verdict'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -f -a "wizard" -d 'Build rules interactively: origins, methods, headers; test them; write or apply them'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -f -a "lint" -d 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -f -a "diff" -d 'Compare two rule sets rule by rule (files or live buckets)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -f -a "convert" -d 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and not __fish_seen_subcommand_from test wizard lint diff convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s f -l file -d 'Rule file (OSS XML, YAML or JSON); `-` reads stdin' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l format -d 'Format of the rule file (default: from the extension)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (`rules: [{allowed_origins: [...], ...}]`)'
json\t'JSON (same schema as YAML)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l origin -d 'The page\'s origin, e.g. https://app.example.com' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s X -l method -d 'The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s H -l header -d 'A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l path -d 'The object path the request goes to, e.g. /dir/obj.txt' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l requests -d 'Evaluate many requests: a JSON Lines file, one object per line with the fields origin, method, headers (a list of "Name: value" strings or an object), credentials, path; `-` reads stdin' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l credentials -d 'The request is sent with credentials (cookies, `credentials: "include"`)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l live -d 'Also send the real preflight and actual request to the endpoint and compare'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s o -l output-file -d 'Write the rules to this file when done (format from the extension: .xml, .yaml, .json)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l apply -d 'Put the rules on this bucket when done (asks for confirmation; replaces its rules)' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from wizard" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s f -l file -d 'Rule file (OSS XML, YAML or JSON); `-` reads stdin' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l format -d 'Format of the rule file (default: from the extension)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (`rules: [{allowed_origins: [...], ...}]`)'
json\t'JSON (same schema as YAML)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l allow -d 'Do not report findings with this id (repeatable or comma-separated), e.g. `--allow missing-response-vary`' -r
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l strict -d 'Exit 1 when any warning remains (notes never fail)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l format -d 'Format of rule files whose extension does not say (default: from the extension)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (`rules: [{allowed_origins: [...], ...}]`)'
json\t'JSON (same schema as YAML)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s o -l output-file -d 'Where to write the result (default: stdout; `-` is stdout too)' -r -F
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l to -d 'Format to write (default: from OUT\'s extension; required when writing to stdout)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (ossctl\'s schema)'
json\t'JSON (ossctl\'s schema)'
s3-json\t'AWS S3 JSON, as `aws s3api get-bucket-cors` prints it (`{"CORSRules": [...]}`)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l from -d 'Format of IN (default: from its extension; a .json file holding `CORSRules` is S3 JSON)' -r -f -a "xml\t'OSS XML (`<CORSConfiguration>`)'
yaml\t'YAML (ossctl\'s schema)'
json\t'JSON (ossctl\'s schema)'
s3-json\t'AWS S3 JSON, as `aws s3api get-bucket-cors` prints it (`{"CORSRules": [...]}`)'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from convert" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "test" -d 'Simulate a browser\'s cross-origin request against CORS rules and explain the verdict'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "wizard" -d 'Build rules interactively: origins, methods, headers; test them; write or apply them'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Compare two rule sets rule by rule (files or live buckets)'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "convert" -d 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
complete -c ossctl -n "__fish_ossctl_using_subcommand cors; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l allow-remote -d 'Allow listening on a non-loopback address'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand serve" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -l output -d 'Format of the results on stdout; messages and errors always go to stderr' -r -f -a "text\t'Human-readable text'
json\t'JSON (one document, or one object per line for streams)'
yaml\t'YAML'"
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -l color -d 'When to use colour: auto uses it only on a terminal and never when NO_COLOR is set' -r -f -a "auto\t'Colour on a terminal unless NO_COLOR is set'
always\t'Always colour (also when piped)'
never\t'Never colour'"
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s q -l quiet -d 'Print only results and errors, no progress or notes'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s v -l verbose -d 'Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -l debug -d 'Log every HTTP exchange and internal step on stderr (secrets masked)'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ossctl -n "__fish_ossctl_using_subcommand generate-man" -s V -l version -d 'Print version'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors serve completions generate-man help" -f -a "cors" -d 'Read, write and test bucket CORS rules'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors serve completions generate-man help" -f -a "serve" -d 'Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors serve completions generate-man help" -f -a "completions" -d 'Print a shell completion script on stdout'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors serve completions generate-man help" -f -a "generate-man" -d 'Write the man pages (ossctl.1 and one per subcommand) into a directory'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and not __fish_seen_subcommand_from cors serve completions generate-man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "test" -d 'Simulate a browser\'s cross-origin request against CORS rules and explain the verdict'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "wizard" -d 'Build rules interactively: origins, methods, headers; test them; write or apply them'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "lint" -d 'Find rules that are dead, shadowed, unsafe or ignored by browsers'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "diff" -d 'Compare two rule sets rule by rule (files or live buckets)'
complete -c ossctl -n "__fish_ossctl_using_subcommand help; and __fish_seen_subcommand_from cors" -f -a "convert" -d 'Convert rules between OSS XML, YAML, JSON and AWS S3 JSON'
