for await (const x of []) {}
