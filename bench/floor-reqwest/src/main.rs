//! One HTTP GET with reqwest, body printed to stdout: the floor `ossctl cors get` is compared
//! with in scripts/bench. Usage: `floor-reqwest URL` (exit 1 on a non-2xx status).

use std::io::Write;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let url = std::env::args().nth(1).expect("usage: floor-reqwest URL");
    let response = reqwest::get(&url).await.expect("GET failed");
    let ok = response.status().is_success();
    let body = response.bytes().await.expect("body");
    std::io::stdout().write_all(&body).expect("stdout");
    if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
