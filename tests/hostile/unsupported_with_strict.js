"use strict";
with ({}) {}
