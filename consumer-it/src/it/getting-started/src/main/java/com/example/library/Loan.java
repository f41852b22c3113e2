package com.example.library;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import io.rillflow.annotations.Index;
import java.util.UUID;

@Document
public record Loan(@Id UUID bookId, @Index String reader) {}
