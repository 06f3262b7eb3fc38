import x from "./y.js";
