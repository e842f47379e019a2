# Sourced by scripts/build-wasm.sh and scripts/test.sh: how the release wasm is compiled to be cut
# into modules (src/split.rs). The config's rustflags (`erase_components`, .cargo/config.toml)
# are repeated, since RUSTFLAGS replaces them; `pkm_split` turns the split points into imports;
# `--emit-relocs` keeps what wasm-split-cli needs to move code. Its own target folder: these flags
# differ from every other build's, and sharing one folder would rebuild everything each time.
split_rustflags="--cfg erase_components --cfg pkm_split -Clink-args=--emit-relocs"
split_target="${CARGO_TARGET_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target}/split"
