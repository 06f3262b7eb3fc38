import.meta;
