// Only its publish output matters (see the project file); running it does nothing.
return 0;
