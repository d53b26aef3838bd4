//! The `klarsprog` binary: parse arguments, run one command, exit with its code.

mod cli;

use clap::Parser;

/// mimalloc: findings, messages and JSON are many small allocations made on every worker
/// thread, where it costs a fraction of the system allocator (see README, Ydeevne).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Check(a) => cli::check::run(a),
        cli::Command::Audit(a) => cli::audit::run(a),
        cli::Command::Rules(a) => cli::rules::run(a),
        cli::Command::Lsp(a) => cli::lsp::run(a),
        cli::Command::Serve(a) => cli::serve::run(a),
    };
    let code = result.unwrap_or_else(|e| {
        eprintln!("klarsprog: {e:#}");
        2
    });
    std::process::exit(code);
}
