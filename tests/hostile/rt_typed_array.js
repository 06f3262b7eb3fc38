new Uint8Array(4);
