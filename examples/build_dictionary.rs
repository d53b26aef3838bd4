//! Builds the spelling dictionary's FST from the sorted `key<TAB>value` table that
//! `scripts/build_dictionary.py` writes. Run through that script, not by hand.

use std::io::{BufRead, BufReader, BufWriter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, tsv, out] = args.as_slice() else {
        return Err("usage: build_dictionary TABLE.tsv OUT.fst".into());
    };
    let input = BufReader::new(std::fs::File::open(tsv)?);
    let output = BufWriter::new(std::fs::File::create(out)?);
    let mut map = fst::MapBuilder::new(output)?;
    for line in input.lines() {
        let line = line?;
        let (key, value) = line.rsplit_once('\t').ok_or("a line without a TAB")?;
        map.insert(key, value.parse::<u64>()?)?;
    }
    map.finish()?;
    Ok(())
}
