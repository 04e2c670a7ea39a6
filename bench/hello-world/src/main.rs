//! Prints one line: the floor `ossctl --version` is compared with in scripts/bench.

fn main() {
    println!("hello-world 0.0.0");
}
