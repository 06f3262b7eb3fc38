var ÿş = 1;
